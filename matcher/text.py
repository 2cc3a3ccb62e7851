"""Text analysis shared by tagging, scoring and dedupe: normalise, tokenise, stem, detect language.

One analyser serves every language, so a glossary term and a text meet on the same stems
whatever the language a record claims to be in.  The stemmers are deliberately light
(strip one common ending, then cut to a fixed prefix): crude, but the same for both sides
of every comparison, fast, and free of dependencies.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Longest texts analysed, in characters: enough for any real request, and it keeps a
# pasted report from costing seconds or swamping term frequencies.
MAX_CHARS = 20_000
STEM_CHARS = 6

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670])+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})

_LATIN_SUFFIXES = sorted(
    """ations ational ation acion aciones ciones cion iones ements ement amientos amiento imiento mente ments
    ment ness ities ity ites ite idades idad ances ance ences ence encias encia ings ing ers er ed es s ales
    ale aux al iques ique icos ico icas ica ical ic ives ive ivos ivo ivas iva eurs eur ores ors or istas ista
    ists ist istes iste isme ismo ism ies y e a o os as ados adas ado ada ees ee""".split(),
    key=len,
    reverse=True,
)
_CYRILLIC_SUFFIXES = sorted(
    """ениями ением ения ении ение аниями анием ания ании ание остями ости ость иями ями ами иях ях ах ого
    его ому ему ыми ими ой ей ий ый ая яя ое ее ые ие ую юю ов ев ом ем ам ям ию ия ии а я о е ы и у ю
        ь""".split(),
    key=len,
    reverse=True,
)
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

_STOPWORDS_RAW = {
    "en": """a an the of and or to in on at by for from with as is are be was were been being has have had it
        its this that these those not no but which who whom their they them our we us i into such other also
        all any some than more most can may will would should must there where when so each both per
        under over
        about between through within without including well up out only very after before his her he she
        what""",
    "fr": """le la les l de des du d un une et ou en a au aux pour par sur dans avec sans ne pas que qui
        dont ce
        cet cette ces son sa ses leur leurs nous vous il elle ils elles se s est sont ete etre ont plus tres
        tout tous toutes comme afin ainsi aussi entre vers chez selon notamment contre y n qu c j m""",
    "es": """el la los las lo de del un una unos unas y e o u en a al por para con sin sobre entre que
        quien cual
        se su sus es son fue ser ha han como mas muy tambien este esta estos estas ese esa nuestro nuestra le
        les desde hasta segun ante contra no ni""",
    "pt": """o os as do da dos das em no na nos nas um uma ou com sem seu sua seus suas ao aos pelo pela""",
    "ru": """и в во на с со к ко по о об от до из за для при а но или не что как это его ее их он она
        они мы вы
        я также так же бы ли у то все всех который которые которых этот эта эти этих том чтобы между через без
        над под после перед""",
    "ar": """في من على الى عن مع و او ثم ان التي الذي الذين هذا هذه ذلك تلك كما قد لا ما كل بين حول عند بما
        فيها فيه ذات منها لها له ضمن خلال حتى اي""",
    "zh": "的 和 与 在 对 了 是 及 等 并 为 中 其 以 将 向 由 于",
}

_LANGUAGE_HINTS = {
    lang: set(words.split()) for lang, words in _STOPWORDS_RAW.items() if lang not in "ar ru zh"
}


def normalise(text: str) -> str:
    """Casefold, drop diacritics and Arabic vowel marks, fold Arabic letter variants; keeps length order."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_ARABIC_FOLD)


STOPWORDS: frozenset[str] = frozenset(
    normalise(w) for words in _STOPWORDS_RAW.values() for w in words.split()
)


def script_of(word: str) -> str:
    """The script of a word's first letter: latin, cyrillic, arabic, han or other."""
    code = ord(word[0])
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x600 <= code < 0x700 or 0x750 <= code < 0x780:
        return "arabic"
    if _HAN.match(word[0]):
        return "han"
    return "other"


def _strip_suffix(word: str, suffixes: list[str] | tuple[str, ...], keep: int) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """Light stem of one normalised word: strip one common ending, then keep a fixed-length prefix."""
    script = script_of(word)
    if script == "latin":
        return _strip_suffix(word, _LATIN_SUFFIXES, 4)[:STEM_CHARS]
    if script == "cyrillic":
        return _strip_suffix(word, _CYRILLIC_SUFFIXES, 4)[:STEM_CHARS]
    if script == "arabic":
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        if word.startswith("و") and len(word) > 4:
            word = word[1:]
        return _strip_suffix(word, _ARABIC_SUFFIXES, 3)[:5]
    return word[: STEM_CHARS + 2]


class Token(NamedTuple):
    """One word (or one run of Han characters) of a text, with its stem and its place in the text."""

    stem: str
    start: int
    end: int
    han: bool = False


@lru_cache(maxsize=262_144)
def _analyse_word(word: str) -> tuple[str, bool] | None:
    """(stem, is a Han run) of one raw word, or None for a stop word; cached, as words repeat."""
    normal = normalise(word)
    if not normal or normal in STOPWORDS:
        return None
    if _HAN.search(normal):
        # A Han run may hold Latin letters or digits too (e.g. "X射线"); keep it as one piece.
        return normal, True
    return stem(normal), False


def tokenise(text: str) -> list[Token]:
    """Words of `text` as stems, stop words dropped; Han runs are kept whole for n-gram and glossary use."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text[:MAX_CHARS]):
        analysed = _analyse_word(match.group())
        if analysed is not None:
            tokens.append(Token(analysed[0], match.start(), match.end(), analysed[1]))
    return tokens


def han_ngrams(run: str) -> list[str]:
    """Character unigrams and bigrams of a Han run (Chinese has no spaces to split words on)."""
    chars = [c for c in run if c not in STOPWORDS]
    return chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]


def detect_language(text: str) -> str:
    """Best guess of the ISO 639-1 language of `text` (script, then stop-word votes); 'und' if unsure."""
    sample = normalise(text[:2000])
    counts = {"arabic": 0, "cyrillic": 0, "han": 0, "latin": 0}
    for ch in sample:
        if ch.isalpha():
            script = script_of(ch)
            if script in counts:
                counts[script] += 1
    script, count = max(counts.items(), key=lambda item: item[1])
    if count == 0:
        return "und"
    if script != "latin":
        return {"arabic": "ar", "cyrillic": "ru", "han": "zh"}[script]
    words = _WORD.findall(sample)
    votes = {lang: sum(w in hints for w in words) for lang, hints in _LANGUAGE_HINTS.items()}
    best = max(sorted(votes), key=lambda lang: votes[lang])
    return best if votes[best] > 0 else "und"
