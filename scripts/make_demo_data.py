"""Generate the synthetic demo data set in data/demo/*.json (deterministic: seeded RNG).

Everything written here is DEMO data: invented requests, programmes, contacts and users, dated in 2003
(the period of the source document S/2003/387). Only the reference data it builds on (states,
organizations and their members) is real. Nothing is copied from the evaluation sets.

    pip install -e '.[refdata]' && python scripts/make_demo_data.py

Needs pycountry (state names in the six UN languages); the output is byte-identical on every run.
"""

from __future__ import annotations

# ruff: noqa: E501
import csv
import gettext
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry

AREAS = [
    "legislation", "financing", "customs", "immigration", "extradition", "law-enforcement",
    "arms", "aviation", "maritime", "cbrn", "other",
]

# Demo states: language weights of their requests, capital, main international airport, main port
# (or, for a landlocked state, main border crossing), telephone country code.
STATES: dict[str, tuple[dict[str, int], str, str, str, str]] = {
    # Eastern / Southern Africa (en)
    "KEN": ({"en": 5}, "Nairobi", "Jomo Kenyatta International Airport", "the port of Mombasa", "254"),
    "UGA": ({"en": 5}, "Kampala", "Entebbe International Airport", "the Malaba border post", "256"),
    "TZA": ({"en": 5}, "Dar es Salaam", "Julius Nyerere International Airport", "the port of Dar es Salaam", "255"),
    "ETH": ({"en": 5}, "Addis Ababa", "Bole International Airport", "the Moyale border crossing", "251"),
    "ZAF": ({"en": 5}, "Pretoria", "Johannesburg International Airport", "the port of Durban", "27"),
    "ZMB": ({"en": 5}, "Lusaka", "Lusaka International Airport", "the Chirundu border post", "260"),
    "BWA": ({"en": 5}, "Gaborone", "Sir Seretse Khama International Airport", "the Ramatlabama border post", "267"),
    "MWI": ({"en": 5}, "Lilongwe", "Kamuzu International Airport", "the Mwanza border post", "265"),
    "NAM": ({"en": 5}, "Windhoek", "Hosea Kutako International Airport", "the port of Walvis Bay", "264"),
    "MUS": ({"en": 3, "fr": 2}, "Port Louis", "Sir Seewoosagur Ramgoolam International Airport", "Port Louis harbour", "230"),
    # Western Africa
    "NGA": ({"en": 5}, "Abuja", "Murtala Muhammed International Airport", "the port of Lagos (Apapa)", "234"),
    "GHA": ({"en": 5}, "Accra", "Kotoka International Airport", "the port of Tema", "233"),
    "SLE": ({"en": 5}, "Freetown", "Lungi International Airport", "the Queen Elizabeth II Quay in Freetown", "232"),
    "SEN": ({"fr": 5}, "Dakar", "aéroport international Léopold Sédar Senghor", "port autonome de Dakar", "221"),
    "MLI": ({"fr": 5}, "Bamako", "aéroport international de Bamako-Sénou", "poste frontière de Diboli", "223"),
    "NER": ({"fr": 5}, "Niamey", "aéroport international Diori Hamani", "poste frontière de Gaya", "227"),
    "BFA": ({"fr": 5}, "Ouagadougou", "aéroport international de Ouagadougou", "poste frontière de Niangoloko", "226"),
    "CIV": ({"fr": 5}, "Abidjan", "aéroport international Félix Houphouët-Boigny", "port autonome d'Abidjan", "225"),
    "BEN": ({"fr": 5}, "Porto-Novo", "aéroport international de Cotonou-Cadjehoun", "port autonome de Cotonou", "229"),
    "TGO": ({"fr": 5}, "Lomé", "aéroport international de Lomé-Tokoin", "port autonome de Lomé", "228"),
    "GIN": ({"fr": 5}, "Conakry", "aéroport international de Conakry-Gbessia", "port autonome de Conakry", "224"),
    # Middle Africa (fr)
    "CMR": ({"fr": 4, "en": 1}, "Yaoundé", "aéroport international de Douala", "port autonome de Douala", "237"),
    "TCD": ({"fr": 3, "ar": 2}, "N'Djamena", "aéroport international de N'Djamena", "poste frontière de Kousseri", "235"),
    "COD": ({"fr": 5}, "Kinshasa", "aéroport international de N'Djili", "port de Matadi", "243"),
    "GAB": ({"fr": 5}, "Libreville", "aéroport international Léon Mba", "port d'Owendo", "241"),
    "MDG": ({"fr": 5}, "Antananarivo", "aéroport international d'Ivato", "port de Toamasina", "261"),
    "DJI": ({"fr": 3, "ar": 2}, "Djibouti", "aéroport international de Djibouti-Ambouli", "port de Djibouti", "253"),
    # Northern Africa / Western Asia (ar, fr)
    "MAR": ({"fr": 3, "ar": 2}, "Rabat", "aéroport Mohammed V de Casablanca", "port de Tanger", "212"),
    "DZA": ({"ar": 3, "fr": 2}, "Alger", "aéroport d'Alger Houari-Boumediene", "port d'Alger", "213"),
    "TUN": ({"fr": 3, "ar": 2}, "Tunis", "aéroport international de Tunis-Carthage", "port de Radès", "216"),
    "EGY": ({"ar": 3, "en": 2}, "Cairo", "Cairo International Airport", "the port of Alexandria", "20"),
    "SDN": ({"ar": 4, "en": 1}, "Khartoum", "Khartoum International Airport", "Port Sudan", "249"),
    "MRT": ({"ar": 3, "fr": 2}, "Nouakchott", "aéroport international de Nouakchott", "port autonome de Nouadhibou", "222"),
    "JOR": ({"ar": 4, "en": 1}, "Amman", "Queen Alia International Airport", "the port of Aqaba", "962"),
    "LBN": ({"ar": 3, "fr": 2}, "Beyrouth", "aéroport international de Beyrouth", "port de Beyrouth", "961"),
    "YEM": ({"ar": 5}, "Sana'a", "Sana'a International Airport", "the port of Aden", "967"),
    "OMN": ({"ar": 4, "en": 1}, "Muscat", "Seeb International Airport", "Port Sultan Qaboos", "968"),
    "BHR": ({"ar": 3, "en": 2}, "Manama", "Bahrain International Airport", "Mina Salman port", "973"),
    "SAU": ({"ar": 5}, "Riyadh", "King Khalid International Airport", "Jeddah Islamic Port", "966"),
    "SYR": ({"ar": 5}, "Damascus", "Damascus International Airport", "the port of Latakia", "963"),
    # Asia (en, zh)
    "PAK": ({"en": 5}, "Islamabad", "Islamabad International Airport", "the port of Karachi", "92"),
    "BGD": ({"en": 5}, "Dhaka", "Zia International Airport", "the port of Chittagong", "880"),
    "LKA": ({"en": 5}, "Colombo", "Bandaranaike International Airport", "the port of Colombo", "94"),
    "NPL": ({"en": 5}, "Kathmandu", "Tribhuvan International Airport", "the Birgunj border crossing", "977"),
    "AFG": ({"en": 5}, "Kabul", "Kabul International Airport", "the Torkham border crossing", "93"),
    "IDN": ({"en": 5}, "Jakarta", "Soekarno-Hatta International Airport", "the port of Tanjung Priok", "62"),
    "PHL": ({"en": 5}, "Manila", "Ninoy Aquino International Airport", "the port of Manila", "63"),
    "KHM": ({"en": 4, "fr": 1}, "Phnom Penh", "Phnom Penh International Airport", "the port of Sihanoukville", "855"),
    "THA": ({"en": 5}, "Bangkok", "Don Muang International Airport", "the port of Laem Chabang", "66"),
    "CHN": ({"zh": 5}, "北京", "北京首都国际机场", "上海港", "86"),
    "MNG": ({"en": 5}, "Ulaanbaatar", "Chinggis Khaan International Airport", "the Zamiin-Uud border crossing", "976"),
    # Central Asia, Caucasus, Eastern Europe (ru)
    "KAZ": ({"ru": 5}, "Астана", "международный аэропорт Алматы", "пункт пропуска Хоргос", "7"),
    "KGZ": ({"ru": 5}, "Бишкек", "международный аэропорт Манас", "пункт пропуска Торугарт", "996"),
    "TJK": ({"ru": 5}, "Душанбе", "международный аэропорт Душанбе", "пункт пропуска Нижний Пяндж", "992"),
    "UZB": ({"ru": 5}, "Ташкент", "международный аэропорт Ташкент", "пункт пропуска Термез", "998"),
    "ARM": ({"ru": 3, "en": 2}, "Ереван", "международный аэропорт Звартноц", "пункт пропуска Баграташен", "374"),
    "AZE": ({"ru": 3, "en": 2}, "Баку", "международный аэропорт Баку", "Бакинский морской порт", "994"),
    "GEO": ({"en": 5}, "Tbilisi", "Tbilisi International Airport", "the port of Poti", "995"),
    "MDA": ({"ru": 3, "en": 2}, "Кишинёв", "международный аэропорт Кишинёв", "пункт пропуска Леушены", "373"),
    "UKR": ({"ru": 3, "en": 2}, "Киев", "международный аэропорт Борисполь", "Одесский морской порт", "380"),
    # South-eastern Europe (en)
    "ALB": ({"en": 5}, "Tirana", "Rinas International Airport", "the port of Durrës", "355"),
    "BIH": ({"en": 5}, "Sarajevo", "Sarajevo International Airport", "the Gradiška border crossing", "387"),
    "MKD": ({"en": 5}, "Skopje", "Skopje Airport", "the Tabanovce border crossing", "389"),
    # Latin America (es)
    "PER": ({"es": 5}, "Lima", "aeropuerto internacional Jorge Chávez", "puerto del Callao", "51"),
    "BOL": ({"es": 5}, "La Paz", "aeropuerto internacional de El Alto", "paso fronterizo de Desaguadero", "591"),
    "ECU": ({"es": 5}, "Quito", "aeropuerto internacional Mariscal Sucre", "puerto de Guayaquil", "593"),
    "COL": ({"es": 5}, "Bogotá", "aeropuerto internacional El Dorado", "puerto de Cartagena", "57"),
    "PRY": ({"es": 5}, "Asunción", "aeropuerto internacional Silvio Pettirossi", "Puente de la Amistad (Ciudad del Este)", "595"),
    "GTM": ({"es": 5}, "Ciudad de Guatemala", "aeropuerto internacional La Aurora", "puerto Santo Tomás de Castilla", "502"),
    "HND": ({"es": 5}, "Tegucigalpa", "aeropuerto internacional Toncontín", "Puerto Cortés", "504"),
    "NIC": ({"es": 5}, "Managua", "aeropuerto internacional de Managua", "puerto de Corinto", "505"),
    "DOM": ({"es": 5}, "Santo Domingo", "aeropuerto internacional Las Américas", "puerto de Haina", "1"),
    "PAN": ({"es": 5}, "Ciudad de Panamá", "aeropuerto internacional de Tocumen", "puerto de Balboa", "507"),
    # Caribbean (en, fr)
    "JAM": ({"en": 5}, "Kingston", "Norman Manley International Airport", "the port of Kingston", "1"),
    "TTO": ({"en": 5}, "Port of Spain", "Piarco International Airport", "the port of Port of Spain", "1"),
    "GUY": ({"en": 5}, "Georgetown", "Cheddi Jagan International Airport", "the port of Georgetown", "592"),
    "LCA": ({"en": 5}, "Castries", "Hewanorra International Airport", "Port Castries", "1"),
    "HTI": ({"fr": 5}, "Port-au-Prince", "aéroport international de Port-au-Prince", "port de Port-au-Prince", "509"),
    # Pacific (en)
    "FJI": ({"en": 5}, "Suva", "Nadi International Airport", "the port of Suva", "679"),
    "PNG": ({"en": 5}, "Port Moresby", "Jacksons International Airport", "the port of Lae", "675"),
    "WSM": ({"en": 5}, "Apia", "Faleolo International Airport", "the port of Apia", "685"),
    "TON": ({"en": 5}, "Nuku'alofa", "Fua'amotu International Airport", "the port of Nuku'alofa", "676"),
    "VUT": ({"en": 3, "fr": 2}, "Port Vila", "Bauerfield International Airport", "the port of Port Vila", "678"),
}

# Place names in another language than the one used in STATES, for states whose requests come in
# several languages: (state, language) -> (capital, airport, port or border crossing).
ALT_PLACES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("MUS", "fr"): ("Port-Louis", "aéroport international Sir Seewoosagur Ramgoolam", "port de Port-Louis"),
    ("CMR", "en"): ("Yaoundé", "Douala International Airport", "the port of Douala"),
    ("TCD", "ar"): ("نجامينا", "مطار نجامينا الدولي", "معبر كوسيري الحدودي"),
    ("DJI", "ar"): ("جيبوتي", "مطار جيبوتي الدولي", "ميناء جيبوتي"),
    ("MAR", "ar"): ("الرباط", "مطار محمد الخامس الدولي", "ميناء طنجة"),
    ("DZA", "ar"): ("الجزائر", "مطار هواري بومدين الدولي", "ميناء الجزائر"),
    ("TUN", "ar"): ("تونس", "مطار تونس قرطاج الدولي", "ميناء رادس"),
    ("EGY", "ar"): ("القاهرة", "مطار القاهرة الدولي", "ميناء الإسكندرية"),
    ("SDN", "ar"): ("الخرطوم", "مطار الخرطوم الدولي", "ميناء بورتسودان"),
    ("MRT", "ar"): ("نواكشوط", "مطار نواكشوط الدولي", "ميناء نواذيبو"),
    ("JOR", "ar"): ("عمّان", "مطار الملكة علياء الدولي", "ميناء العقبة"),
    ("LBN", "ar"): ("بيروت", "مطار بيروت الدولي", "مرفأ بيروت"),
    ("YEM", "ar"): ("صنعاء", "مطار صنعاء الدولي", "ميناء عدن"),
    ("OMN", "ar"): ("مسقط", "مطار السيب الدولي", "ميناء السلطان قابوس"),
    ("BHR", "ar"): ("المنامة", "مطار البحرين الدولي", "ميناء سلمان"),
    ("SAU", "ar"): ("الرياض", "مطار الملك خالد الدولي", "ميناء جدة الإسلامي"),
    ("SYR", "ar"): ("دمشق", "مطار دمشق الدولي", "ميناء اللاذقية"),
    ("KHM", "fr"): ("Phnom Penh", "aéroport international de Phnom Penh", "port de Sihanoukville"),
    ("VUT", "fr"): ("Port-Vila", "aéroport international de Bauerfield", "port de Port-Vila"),
    ("ARM", "en"): ("Yerevan", "Zvartnots International Airport", "the Bagratashen border crossing"),
    ("AZE", "en"): ("Baku", "Baku International Airport", "the port of Baku"),
    ("MDA", "en"): ("Chisinau", "Chisinau International Airport", "the Leuseni border crossing"),
    ("UKR", "en"): ("Kiev", "Boryspil International Airport", "the port of Odessa"),
}

# Agencies by area and language, used in request and programme texts.
AGENCY = {
    "legislation": {"en": "the Attorney General's Chambers", "fr": "la Direction des affaires criminelles du ministère de la Justice", "es": "la Dirección de Asuntos Legislativos del Ministerio de Justicia", "ru": "Министерство юстиции", "ar": "وزارة العدل", "zh": "司法部"},
    "financing": {"en": "the Financial Intelligence Unit", "fr": "la Cellule de renseignement financier", "es": "la Unidad de Inteligencia Financiera", "ru": "подразделение финансовой разведки", "ar": "وحدة التحريات المالية", "zh": "中国人民银行反洗钱局"},
    "customs": {"en": "the Customs and Excise Department", "fr": "la Direction générale des douanes", "es": "la Dirección General de Aduanas", "ru": "Государственный таможенный комитет", "ar": "مصلحة الجمارك", "zh": "海关总署"},
    "immigration": {"en": "the Department of Immigration", "fr": "la Direction de la police de l'air et des frontières", "es": "la Dirección General de Migración", "ru": "Пограничная служба", "ar": "الإدارة العامة للجوازات والهجرة", "zh": "公安部出入境管理局"},
    "extradition": {"en": "the central authority for mutual legal assistance", "fr": "l'autorité centrale d'entraide judiciaire", "es": "la Autoridad Central de asistencia judicial", "ru": "Генеральная прокуратура", "ar": "النيابة العامة", "zh": "最高人民检察院"},
    "law-enforcement": {"en": "the Anti-Terrorism Police Unit", "fr": "la Direction de la surveillance du territoire", "es": "la Dirección contra el Terrorismo de la Policía Nacional", "ru": "антитеррористический центр МВД", "ar": "مديرية الأمن العام", "zh": "公安部反恐怖局"},
    "arms": {"en": "the National Focal Point on Small Arms", "fr": "la Commission nationale de lutte contre la prolifération des armes légères", "es": "la Dirección General de Control de Armas y Explosivos", "ru": "разрешительная система МВД", "ar": "اللجنة الوطنية لمراقبة الأسلحة", "zh": "公安部治安管理局"},
    "aviation": {"en": "the Civil Aviation Authority", "fr": "l'Agence nationale de l'aviation civile", "es": "la Dirección General de Aeronáutica Civil", "ru": "Государственная служба гражданской авиации", "ar": "الهيئة العامة للطيران المدني", "zh": "中国民用航空总局"},
    "maritime": {"en": "the Maritime Administration and Ports Authority", "fr": "la Direction de la marine marchande", "es": "la Autoridad Marítima Nacional", "ru": "морская администрация порта", "ar": "هيئة الموانئ والشؤون البحرية", "zh": "交通部海事局"},
    "cbrn": {"en": "the National Radiation Protection Authority", "fr": "l'Autorité nationale de radioprotection", "es": "la Autoridad Regulatoria Nuclear", "ru": "агентство по атомной энергии", "ar": "هيئة الطاقة الذرية", "zh": "国家原子能机构"},
    "other": {"en": "the National Counter-Terrorism Coordination Committee", "fr": "le Comité national de coordination de la lutte contre le terrorisme", "es": "la Comisión Nacional de Coordinación contra el Terrorismo", "ru": "Межведомственная комиссия по борьбе с терроризмом", "ar": "اللجنة الوطنية لمكافحة الإرهاب", "zh": "国家反恐怖工作协调小组"},
}

# Request texts: area -> language -> list of (title, description). Slots: {state} (name in the
# language), {capital}, {airport}, {place}, {agency}, {n}, {m}, {k}, {month}, {report}.
REQUESTS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "legislation": {
        "en": [
            ("Drafting assistance for a comprehensive counter-terrorism bill",
             "{agency} has prepared a first draft of a Prevention of Terrorism Bill. We request an expert review against resolution 1373 and the universal instruments, in particular the definition of terrorist acts, jurisdiction over offences committed abroad and procedural safeguards, before the bill goes to Cabinet in {month}."),
            ("Accession to the remaining universal anti-terrorism conventions",
             "{state} is party to {k} of the twelve universal instruments against terrorism. Legislative advice is needed to accede to the others, notably the 1999 Financing Convention and the 1997 Terrorist Bombings Convention, and to amend the Penal Code so that their offences can be prosecuted."),
            ("Review of the Penal Code to criminalise terrorist acts",
             "The current Penal Code does not contain a specific offence of terrorism or of recruitment to terrorist groups. We seek a legal expert for about {m} weeks to work with {agency} on amendments and on the explanatory memorandum for Parliament."),
            ("Legal drafting workshop for parliamentary draftsmen",
             "A short workshop in {capital} for {n} legislative drafters and legal officers of {agency} on how to translate the obligations of resolution 1373 and the conventions into domestic law, using model legislation."),
        ],
        "fr": [
            ("Appui à la rédaction d'un projet de loi antiterroriste",
             "{agency} a élaboré un avant-projet de loi relatif à la répression du terrorisme. Nous sollicitons une expertise juridique pour vérifier sa conformité avec la résolution 1373 et les conventions universelles, notamment la définition de l'acte terroriste et les règles de compétence, avant son adoption en Conseil des ministres en {month}."),
            ("Ratification et mise en œuvre des conventions universelles contre le terrorisme",
             "{state} est partie à {k} des douze instruments universels. Une assistance législative est demandée pour ratifier les conventions restantes, en particulier la Convention de 1999 sur le financement du terrorisme, et pour adapter le Code pénal en conséquence."),
            ("Révision du Code pénal et du Code de procédure pénale",
             "Le Code pénal en vigueur ne réprime pas spécifiquement les actes de terrorisme. Nous demandons la mise à disposition d'un expert pendant {m} semaines auprès de {agency} pour rédiger les amendements nécessaires."),
        ],
        "es": [
            ("Asistencia para redactar una ley integral contra el terrorismo",
             "{agency} ha preparado un anteproyecto de ley sobre prevención y sanción del terrorismo. Solicitamos una revisión por expertos a la luz de la resolución 1373 y de los instrumentos universales, en particular la tipificación del delito y la jurisdicción, antes de su envío al Congreso en {month}."),
            ("Adhesión a los convenios universales contra el terrorismo pendientes",
             "{state} es parte en {k} de los doce instrumentos universales. Se requiere asesoramiento legislativo para adherirse a los restantes, especialmente al Convenio de 1999 sobre la financiación del terrorismo, y para reformar el Código Penal."),
            ("Reforma del Código Penal para tipificar el terrorismo",
             "El Código Penal vigente no tipifica de manera autónoma los actos terroristas. Pedimos un experto jurídico durante {m} semanas para trabajar con {agency} en el proyecto de reforma."),
        ],
        "ru": [
            ("Экспертиза проекта закона о борьбе с терроризмом",
             "{agency} подготовило проект закона «О противодействии терроризму». Просим провести экспертизу проекта на соответствие резолюции 1373 и универсальным конвенциям, в частности определения террористического акта и положений о юрисдикции, до его внесения в парламент в {month}."),
            ("Присоединение к универсальным конвенциям о борьбе с терроризмом",
             "{state} является участником {k} из двенадцати универсальных документов. Требуется правовая помощь для присоединения к остальным конвенциям, прежде всего к Конвенции 1999 года о борьбе с финансированием терроризма, и внесения изменений в Уголовный кодекс."),
        ],
        "ar": [
            ("المساعدة في صياغة مشروع قانون شامل لمكافحة الإرهاب",
             "أعدت {agency} مشروع قانون لمكافحة الإرهاب. نطلب مراجعة المشروع من قبل خبراء للتأكد من اتساقه مع القرار 1373 والصكوك الدولية، ولا سيما تعريف الجريمة الإرهابية وقواعد الاختصاص، قبل عرضه على مجلس الوزراء في {month}."),
            ("الانضمام إلى الاتفاقيات الدولية لمكافحة الإرهاب",
             "{state} طرف في {k} من الصكوك الدولية الاثني عشر. نحتاج إلى مساعدة تشريعية للانضمام إلى الاتفاقيات المتبقية، وخاصة الاتفاقية الدولية لقمع تمويل الإرهاب لعام 1999، وتعديل قانون العقوبات."),
        ],
        "zh": [
            ("协助起草反恐怖主义立法", "{agency}正在起草反恐怖主义法律草案，希望获得专家对草案的评估意见，确保其符合第1373号决议和各项国际反恐公约，特别是恐怖主义罪行的定义和管辖权规定。"),
        ],
    },
    "financing": {
        "en": [
            ("Establishment of a Financial Intelligence Unit",
             "The Central Bank intends to set up a Financial Intelligence Unit in {capital} with a staff of {n}. Assistance is requested on its legal basis, suspicious transaction reporting forms, analysis software and the training of its first analysts."),
            ("Training for bank supervisors and compliance officers on suspicious transactions",
             "{agency} asks for a training programme for about {n} bank examiners and compliance officers on customer due diligence, detection of terrorist financing and the reporting of suspicious transactions."),
            ("Mechanism to freeze terrorist assets without delay",
             "Our law allows freezing only after a court order in a criminal case. We need advice on an administrative mechanism to freeze funds of persons on the Security Council's consolidated list without delay, as required by paragraph 1(c) of resolution 1373."),
            ("Regulation of alternative remittance systems and charities",
             "Informal money transfer (hawala) and unregistered charities are widespread. We request technical assistance to design a licensing and supervision regime for money remitters and non-profit organisations."),
        ],
        "fr": [
            ("Création d'une cellule de renseignement financier",
             "La Banque centrale souhaite créer à {capital} une cellule de renseignement financier de {n} agents. Nous demandons une assistance pour le cadre juridique, les formulaires de déclaration de soupçon, l'équipement informatique et la formation des analystes."),
            ("Formation des agents bancaires à la détection du financement du terrorisme",
             "{agency} sollicite un programme de formation pour environ {n} agents des banques et des bureaux de change sur la vigilance à l'égard de la clientèle et les déclarations d'opérations suspectes."),
            ("Procédure de gel administratif des avoirs terroristes",
             "Notre législation ne permet le gel des fonds qu'après une décision judiciaire. Un appui est demandé pour mettre en place une procédure de gel sans délai des avoirs des personnes inscrites sur la liste du Comité des sanctions."),
        ],
        "es": [
            ("Creación de una Unidad de Inteligencia Financiera",
             "El Banco Central desea establecer en {capital} una Unidad de Inteligencia Financiera con {n} funcionarios. Solicitamos asistencia para su marco legal, los formularios de reporte de operaciones sospechosas, el sistema informático y la capacitación de analistas."),
            ("Capacitación de supervisores bancarios sobre financiación del terrorismo",
             "{agency} solicita un programa de capacitación para unos {n} supervisores y oficiales de cumplimiento sobre debida diligencia y detección de operaciones vinculadas con la financiación del terrorismo."),
            ("Mecanismo de congelamiento de fondos sin demora",
             "La legislación vigente sólo permite congelar fondos con orden judicial. Pedimos asesoría para establecer un mecanismo administrativo de congelamiento inmediato de activos de personas incluidas en la lista del Consejo de Seguridad."),
        ],
        "ru": [
            ("Создание подразделения финансовой разведки",
             "Национальный банк планирует создать в г. {capital} подразделение финансовой разведки численностью {n} человек. Просим помощи в подготовке нормативной базы, форм сообщений о подозрительных операциях, программного обеспечения и обучении аналитиков."),
            ("Обучение сотрудников банков выявлению финансирования терроризма",
             "{agency} просит организовать обучение примерно {n} сотрудников банков и органов надзора по вопросам надлежащей проверки клиентов и выявления операций, связанных с финансированием терроризма."),
            ("Механизм незамедлительного замораживания активов",
             "Действующее законодательство допускает арест средств только по решению суда. Требуется консультативная помощь по созданию механизма незамедлительного замораживания активов лиц, включённых в сводный список Совета Безопасности."),
        ],
        "ar": [
            ("إنشاء وحدة للتحريات المالية",
             "يعتزم البنك المركزي إنشاء وحدة للتحريات المالية في {capital} تضم {n} موظفاً. نطلب المساعدة في الإطار القانوني ونماذج الإبلاغ عن المعاملات المشبوهة والأنظمة الحاسوبية وتدريب المحللين."),
            ("تدريب موظفي المصارف على كشف تمويل الإرهاب",
             "تطلب {agency} برنامجاً تدريبياً لنحو {n} من مفتشي البنك المركزي وموظفي الامتثال في المصارف حول العناية الواجبة تجاه العملاء والإبلاغ عن المعاملات المشبوهة."),
            ("تنظيم مكاتب الصرافة والحوالات والجمعيات الخيرية",
             "تنتشر الحوالات غير الرسمية والجمعيات غير المسجلة. نطلب مساعدة فنية لوضع نظام لترخيص مكاتب تحويل الأموال والرقابة على المنظمات غير الربحية."),
        ],
        "zh": [
            ("加强打击恐怖融资的能力建设", "{agency}希望就可疑交易报告分析、冻结恐怖分子资产的程序以及对非正规汇款渠道的监管获得技术援助，并为约{n}名工作人员举办培训。"),
            ("金融情报分析系统培训", "请求为{n}名金融情报分析人员提供关于恐怖融资案例分析和国际信息交流的培训。"),
        ],
    },
    "customs": {
        "en": [
            ("Controls on cross-border movement of cash at {place}",
             "{agency} has no system for declaring cash and bearer instruments carried across the border. We request advice on a declaration regime and training for {n} officers posted at {place} and {airport}."),
            ("Container screening equipment for {place}",
             "About {m} thousand containers pass through {place} each year and are inspected manually. Assistance is sought for non-intrusive inspection equipment (mobile X-ray scanner) and for training its operators."),
            ("Risk profiling and targeting training for customs officers",
             "We request a course for {n} customs officers on risk analysis, selection of high-risk consignments and detection of concealed weapons and explosives."),
        ],
        "fr": [
            ("Contrôle des mouvements transfrontaliers d'espèces",
             "{agency} ne dispose d'aucun système de déclaration des espèces transportées aux frontières. Nous demandons un appui pour mettre en place un régime de déclaration et former {n} agents affectés au {place} et à l'{airport}."),
            ("Équipement de contrôle non intrusif des conteneurs",
             "Environ {m} mille conteneurs transitent chaque année par le {place} et sont contrôlés manuellement. Nous sollicitons un scanner mobile à rayons X et la formation de ses opérateurs."),
            ("Formation des douaniers à l'analyse de risque",
             "Nous demandons une formation de {n} agents des douanes à l'analyse de risque, au ciblage des envois suspects et à la détection d'armes et d'explosifs dissimulés."),
        ],
        "es": [
            ("Control del transporte transfronterizo de dinero en efectivo",
             "{agency} carece de un sistema de declaración del efectivo transportado en las fronteras. Pedimos asesoría para establecerlo y capacitación para {n} funcionarios destacados en el {place} y en el {airport}."),
            ("Equipos de inspección no intrusiva de contenedores",
             "Por el {place} pasan unos {m} mil contenedores al año, inspeccionados manualmente. Solicitamos un escáner móvil de rayos X y la formación de sus operadores."),
        ],
        "ru": [
            ("Контроль перемещения наличных денежных средств через границу",
             "{agency} не располагает системой декларирования наличных средств, перемещаемых через границу. Просим помощи в создании такой системы и в обучении {n} сотрудников (объект: {place})."),
            ("Обучение таможенников методам анализа рисков",
             "Требуется курс для {n} таможенных инспекторов по анализу рисков, отбору подозрительных грузов и выявлению скрытого оружия и взрывчатых веществ."),
        ],
        "ar": [
            ("مراقبة نقل الأموال النقدية عبر الحدود",
             "لا يوجد لدى {agency} نظام للتصريح بالأموال النقدية المنقولة عبر الحدود. نطلب المساعدة في إنشاء هذا النظام وتدريب {n} موظفاً في {place} و{airport}."),
            ("أجهزة فحص الحاويات بالأشعة",
             "يمر عبر {place} نحو {m} ألف حاوية سنوياً تفتش يدوياً. نطلب جهاز فحص متنقلاً بالأشعة السينية وتدريب العاملين عليه."),
        ],
        "zh": [
            ("海关风险分析培训", "{agency}请求为{n}名海关关员举办风险分析和查验培训，提高在{place}发现走私武器和爆炸物的能力。"),
        ],
    },
    "immigration": {
        "en": [
            ("Computerised border control system at {airport}",
             "Passenger data at {airport} are still recorded by hand. {agency} requests a computerised entry/exit system linked to a national watch list and to {m} other border posts, with training for {n} officers."),
            ("Detection of forged travel documents",
             "We request training for {n} immigration officers on the examination of passports and visas, detection of forgeries and impostors, and basic document-examination equipment (UV lamps, magnifiers)."),
            ("Introduction of machine-readable passports",
             "{state} still issues handwritten passports. Assistance is sought to introduce machine-readable passports meeting ICAO Document 9303 and a secure issuance process."),
        ],
        "fr": [
            ("Informatisation du contrôle aux frontières à l'{airport}",
             "Les données des passagers à l'{airport} sont encore saisies à la main. {agency} sollicite un système informatisé d'enregistrement des entrées et sorties relié à un fichier national de personnes recherchées et à {m} autres postes frontières."),
            ("Détection des faux documents de voyage",
             "Nous demandons la formation de {n} fonctionnaires de police aux frontières à l'examen des passeports et visas, et la fourniture de matériel de base de détection des fraudes documentaires."),
            ("Passeports lisibles à la machine",
             "{state} délivre encore des passeports remplis à la main. Une assistance est souhaitée pour introduire des passeports lisibles à la machine conformes au document 9303 de l'OACI."),
        ],
        "es": [
            ("Sistema informatizado de control migratorio en el {airport}",
             "En el {airport} los datos de los pasajeros todavía se registran a mano. {agency} solicita un sistema informatizado de entradas y salidas conectado a una lista nacional de alertas y a otros {m} puestos fronterizos."),
            ("Detección de documentos de viaje falsificados",
             "Solicitamos capacitación para {n} inspectores migratorios en el examen de pasaportes y visas y en la detección de documentos falsos, así como equipos básicos de verificación."),
        ],
        "ru": [
            ("Автоматизированная система пограничного контроля",
             "В пункте пропуска ({airport}) данные о пассажирах до сих пор вносятся вручную. {agency} просит помощи в создании автоматизированной системы учёта въезда и выезда, связанной с базой данных розыска и ещё {m} пунктами пропуска."),
            ("Выявление поддельных проездных документов",
             "Просим организовать обучение {n} сотрудников пограничной службы методам проверки паспортов и виз и выявления подделок, а также предоставить базовое оборудование для проверки документов."),
        ],
        "ar": [
            ("نظام محوسب لمراقبة الحدود في {airport}",
             "لا تزال بيانات المسافرين في {airport} تسجل يدوياً. تطلب {agency} نظاماً محوسباً لتسجيل الدخول والخروج مرتبطاً بقائمة وطنية للمطلوبين وبـ{m} منافذ حدودية أخرى."),
            ("كشف وثائق السفر المزورة",
             "نطلب تدريب {n} من ضباط الجوازات على فحص جوازات السفر والتأشيرات وكشف التزوير، وتزويدهم بأجهزة فحص أساسية."),
        ],
        "zh": [
            ("出入境证件防伪检查培训", "{agency}请求为{n}名边检人员举办伪造护照和签证识别培训，并提供基本的证件检验设备。"),
        ],
    },
    "extradition": {
        "en": [
            ("Revision of the Extradition Act",
             "Our Extradition Act dates from {k}0 years ago and applies only to treaty partners. We request advice on a new law allowing extradition and mutual legal assistance on the basis of the conventions and reciprocity."),
            ("Training of prosecutors on mutual legal assistance in terrorism cases",
             "A course for {n} prosecutors and judges on drafting and executing requests for mutual legal assistance and extradition in terrorism cases, including the use of the universal conventions as a legal basis."),
            ("Setting up a central authority for mutual legal assistance",
             "{state} has no single central authority for incoming and outgoing requests. Assistance is needed to design its procedures, a case-tracking database and model request forms."),
        ],
        "fr": [
            ("Révision de la loi sur l'extradition",
             "Notre loi sur l'extradition ne s'applique qu'aux États liés par traité. Nous demandons une expertise pour une nouvelle loi permettant l'extradition et l'entraide judiciaire sur la base des conventions et de la réciprocité."),
            ("Formation des magistrats à l'entraide judiciaire",
             "Une formation est demandée pour {n} magistrats du parquet et du siège sur la rédaction et l'exécution des commissions rogatoires internationales et des demandes d'extradition en matière de terrorisme."),
        ],
        "es": [
            ("Reforma de la ley de extradición",
             "La ley vigente sólo permite extraditar a países con tratado. Pedimos asesoría para una nueva ley que permita la extradición y la asistencia judicial recíproca con base en los convenios y en la reciprocidad."),
            ("Capacitación de fiscales en asistencia judicial recíproca",
             "Solicitamos un curso para {n} fiscales y jueces sobre la preparación y ejecución de solicitudes de asistencia judicial y de extradición en casos de terrorismo."),
        ],
        "ru": [
            ("Совершенствование законодательства об экстрадиции",
             "Действующий закон допускает выдачу только государствам, с которыми заключены договоры. Просим консультативной помощи в подготовке закона о выдаче и взаимной правовой помощи на основе конвенций и взаимности."),
            ("Обучение прокуроров вопросам взаимной правовой помощи",
             "Просим организовать семинар для {n} прокуроров и судей по подготовке и исполнению запросов о правовой помощи и выдаче по делам о терроризме."),
        ],
        "ar": [
            ("تعديل قانون تسليم المجرمين",
             "لا يسمح القانون الحالي بالتسليم إلا للدول المرتبطة بمعاهدات. نطلب مشورة لإعداد قانون جديد يسمح بالتسليم والمساعدة القانونية المتبادلة على أساس الاتفاقيات ومبدأ المعاملة بالمثل."),
            ("تدريب أعضاء النيابة على المساعدة القانونية المتبادلة",
             "نطلب دورة تدريبية لـ{n} من أعضاء النيابة العامة والقضاة حول إعداد وتنفيذ طلبات المساعدة القانونية والتسليم في قضايا الإرهاب."),
        ],
        "zh": [
            ("刑事司法协助与引渡培训", "请求为{n}名检察官和法官举办关于恐怖主义案件中的引渡和刑事司法协助请求的起草与执行的培训。"),
        ],
    },
    "law-enforcement": {
        "en": [
            ("Training in terrorism investigation for {n} police officers",
             "{agency} was created last year and most of its {n} officers have no specialised training. We request courses on investigating terrorist networks, crime-scene management after bombings and handling informants."),
            ("Secure connection to Interpol's databases at {place}",
             "Our National Central Bureau in {capital} has no online access to Interpol's databases, and border posts such as {place} none at all. Assistance is sought for the equipment and training to extend the connection."),
            ("Inter-agency early warning and information exchange",
             "Police, intelligence, customs and immigration do not share information on suspects. We request advice on a joint analysis cell and a secure information-exchange system between {m} agencies."),
        ],
        "fr": [
            ("Formation de {n} policiers aux enquêtes antiterroristes",
             "{agency} compte {n} fonctionnaires sans formation spécialisée. Nous sollicitons des stages sur les enquêtes relatives aux réseaux terroristes, la gestion des scènes d'attentat et le renseignement opérationnel."),
            ("Connexion sécurisée aux bases de données d'Interpol",
             "Le Bureau central national de {capital} n'a pas d'accès en ligne aux bases de données d'Interpol et les postes frontières comme le {place} en sont totalement dépourvus. Nous demandons l'équipement et la formation nécessaires."),
            ("Échange d'informations entre services",
             "La police, la gendarmerie, les douanes et les services de renseignement n'échangent pas d'informations sur les suspects. Un appui est souhaité pour créer une cellule commune d'analyse regroupant {m} services."),
        ],
        "es": [
            ("Capacitación de {n} policías en investigación de terrorismo",
             "{agency} fue creada recientemente y sus {n} agentes carecen de formación especializada. Solicitamos cursos sobre investigación de redes terroristas, manejo de la escena del crimen tras atentados e inteligencia policial."),
            ("Intercambio de información e alerta temprana entre instituciones",
             "La policía, la inteligencia, aduanas y migración no comparten información sobre sospechosos. Pedimos asesoría para crear una unidad conjunta de análisis y un sistema seguro de intercambio entre {m} instituciones."),
        ],
        "ru": [
            ("Подготовка {n} сотрудников полиции по расследованию терроризма",
             "{agency} создан недавно, и большинство из его {n} сотрудников не имеют специальной подготовки. Просим организовать курсы по расследованию деятельности террористических сетей и работе на месте взрыва."),
            ("Подключение к базам данных Интерпола",
             "Национальное центральное бюро в г. {capital} не имеет доступа к базам данных Интерпола в режиме реального времени. Требуется оборудование и обучение для подключения пунктов пропуска (в том числе объект: {place})."),
            ("Обмен информацией между правоохранительными органами",
             "Милиция, спецслужбы, таможня и пограничная служба не обмениваются сведениями о подозреваемых. Просим помощи в создании совместного аналитического центра {m} ведомств."),
        ],
        "ar": [
            ("تدريب {n} من ضباط الشرطة على التحقيق في قضايا الإرهاب",
             "أنشئت {agency} حديثاً ولا يملك معظم أفرادها البالغ عددهم {n} تدريباً متخصصاً. نطلب دورات حول التحقيق في الشبكات الإرهابية وإدارة مسرح الجريمة بعد التفجيرات."),
            ("تبادل المعلومات والإنذار المبكر بين الأجهزة",
             "لا تتبادل الشرطة وأجهزة الاستخبارات والجمارك والجوازات المعلومات عن المشتبه بهم. نطلب المشورة لإنشاء وحدة تحليل مشتركة ونظام آمن لتبادل المعلومات بين {m} أجهزة."),
        ],
        "zh": [
            ("反恐调查能力培训", "{agency}请求为{n}名警官举办恐怖组织网络调查、爆炸现场勘查和情报分析培训。"),
            ("国际刑警组织数据库联网", "请求协助将{place}等口岸与国际刑警组织数据库联网，并培训相关人员。"),
        ],
    },
    "arms": {
        "en": [
            ("Marking, record-keeping and tracing of small arms",
             "{agency} asks for assistance to mark state-owned small arms, build a computerised register of about {m} thousand weapons and train {n} officers in tracing."),
            ("Control of commercial explosives in the mining sector",
             "Explosives used in quarries and mines are poorly accounted for. We seek advice on a licensing and stock-control regime and training for {n} inspectors."),
            ("Destruction of surplus weapons and stockpile security",
             "Several armouries near {capital} hold surplus and confiscated weapons in poor conditions. Assistance is sought for their secure storage and destruction."),
        ],
        "fr": [
            ("Marquage et traçage des armes légères",
             "{agency} demande un appui pour marquer les armes détenues par l'État, créer un registre informatisé d'environ {m} mille armes et former {n} agents au traçage."),
            ("Contrôle des explosifs à usage civil",
             "Les explosifs utilisés dans les carrières et les mines sont mal suivis. Nous souhaitons un appui pour un régime d'autorisation et de contrôle des stocks et la formation de {n} inspecteurs."),
        ],
        "es": [
            ("Marcaje y rastreo de armas pequeñas y ligeras",
             "{agency} solicita apoyo para marcar las armas del Estado, crear un registro informatizado de unas {m} mil armas y capacitar a {n} funcionarios en rastreo."),
            ("Control de explosivos de uso industrial",
             "Los explosivos utilizados en la minería no están debidamente controlados. Pedimos asesoría para un régimen de licencias y control de existencias y capacitación de {n} inspectores."),
        ],
        "ru": [
            ("Маркировка и учёт стрелкового оружия",
             "{agency} просит помощи в маркировке оружия, создании компьютеризированного реестра примерно {m} тысяч единиц и обучении {n} сотрудников."),
            ("Уничтожение излишков оружия и боеприпасов",
             "На складах вблизи г. {capital} хранятся излишки оружия и боеприпасов в ненадлежащих условиях. Требуется помощь в обеспечении их сохранности и уничтожении."),
        ],
        "ar": [
            ("وسم الأسلحة الصغيرة وتعقبها",
             "تطلب {agency} المساعدة في وسم الأسلحة المملوكة للدولة وإنشاء سجل محوسب لنحو {m} ألف قطعة وتدريب {n} موظفاً على التعقب."),
            ("مراقبة المتفجرات المستخدمة في المناجم والمحاجر",
             "لا تخضع المتفجرات المستخدمة في المناجم لرقابة كافية. نطلب المشورة لوضع نظام للترخيص ومراقبة المخزون وتدريب {n} مفتشاً."),
        ],
    },
    "aviation": {
        "en": [
            ("Aviation security training at {airport}",
             "{agency} requests an aviation security course for {n} screeners and supervisors at {airport}, based on ICAO Annex 17 and the ICAO security manual."),
            ("Screening equipment for hold baggage at {airport}",
             "Hold baggage at {airport} is not screened. We seek X-ray and explosive trace detection equipment and training for its operators."),
            ("Preparation for the ICAO aviation security audit",
             "An ICAO universal security audit is expected next year. We request an expert to help {agency} update the national civil aviation security programme and quality-control procedures."),
        ],
        "fr": [
            ("Formation en sûreté de l'aviation à l'{airport}",
             "{agency} sollicite une formation en sûreté pour {n} agents d'inspection-filtrage et superviseurs de l'{airport}, conforme à l'Annexe 17 de l'OACI."),
            ("Équipements d'inspection des bagages de soute",
             "Les bagages de soute ne sont pas contrôlés à l'{airport}. Nous demandons des équipements à rayons X et de détection de traces d'explosifs ainsi que la formation des opérateurs."),
        ],
        "es": [
            ("Capacitación en seguridad de la aviación en el {airport}",
             "{agency} solicita un curso de seguridad de la aviación para {n} inspectores y supervisores del {airport}, conforme al Anexo 17 de la OACI."),
            ("Actualización del programa nacional de seguridad de la aviación civil",
             "Pedimos un experto para ayudar a {agency} a actualizar el programa nacional de seguridad de la aviación civil antes de la auditoría de la OACI."),
        ],
        "ru": [
            ("Подготовка специалистов по авиационной безопасности",
             "{agency} просит организовать курс по авиационной безопасности для {n} сотрудников службы досмотра (объект: {airport}) в соответствии с Приложением 17 ИКАО."),
            ("Оборудование для досмотра багажа",
             "Зарегистрированный багаж (объект: {airport}) не досматривается. Просим предоставить рентгеновское оборудование и детекторы следов взрывчатых веществ."),
        ],
        "ar": [
            ("التدريب على أمن الطيران في {airport}",
             "تطلب {agency} دورة في أمن الطيران لـ{n} من موظفي التفتيش والمشرفين في {airport} وفقاً للملحق 17 لمنظمة الطيران المدني الدولي."),
            ("أجهزة تفتيش الأمتعة في {airport}",
             "لا تخضع الأمتعة المسجلة للتفتيش في {airport}. نطلب أجهزة أشعة سينية وأجهزة كشف آثار المتفجرات وتدريب العاملين عليها."),
        ],
        "zh": [
            ("航空安保培训", "{agency}请求为{airport}的{n}名安检人员举办符合国际民航组织附件17的航空安保培训。"),
        ],
    },
    "maritime": {
        "en": [
            ("Implementing the ISPS Code at {place}",
             "The new International Ship and Port Facility Security Code enters into force in July 2004. {agency} needs help to carry out port facility security assessments at {place} and to train {n} port facility security officers."),
            ("Coastal surveillance and patrol capacity",
             "Our coast guard has {m} serviceable boats for a long coastline. Assistance is sought for patrol craft maintenance, radar coverage near {place} and boarding training."),
        ],
        "fr": [
            ("Mise en œuvre du Code ISPS au {place}",
             "Le Code international pour la sûreté des navires et des installations portuaires entrera en vigueur en juillet 2004. {agency} a besoin d'aide pour évaluer la sûreté des installations du {place} et former {n} agents de sûreté portuaire."),
            ("Surveillance des côtes et capacité de patrouille",
             "La marine ne dispose que de {m} embarcations en état de naviguer. Nous sollicitons un appui pour l'entretien des patrouilleurs et la formation aux visites à bord."),
        ],
        "es": [
            ("Aplicación del Código PBIP en el {place}",
             "El Código internacional para la protección de los buques y de las instalaciones portuarias entrará en vigor en julio de 2004. {agency} necesita apoyo para evaluar la protección del {place} y capacitar a {n} oficiales de protección."),
        ],
        "ru": [
            ("Внедрение Кодекса ОСПС в порту",
             "{agency} просит помощи в оценке охраны портовых средств ({place}) и подготовке {n} должностных лиц, ответственных за охрану, в связи со вступлением в силу Кодекса ОСПС в июле 2004 года."),
        ],
        "ar": [
            ("تطبيق المدونة الدولية لأمن السفن والمرافق المينائية في {place}",
             "تحتاج {agency} إلى مساعدة في تقييم أمن المرافق المينائية في {place} وتدريب {n} من ضباط أمن المرافق قبل دخول المدونة حيز النفاذ في يوليو 2004."),
        ],
        "zh": [
            ("实施《国际船舶和港口设施保安规则》", "{agency}请求协助在{place}开展港口设施保安评估，并培训{n}名港口设施保安员。"),
        ],
    },
    "cbrn": {
        "en": [
            ("Security of radioactive sources",
             "{agency} keeps a register of about {m} radioactive sources used in hospitals and industry, but several orphan sources are unaccounted for. We request help to search for them and to secure storage."),
            ("Radiation detection at border crossings",
             "We seek radiation portal monitors or hand-held detectors for {place} and {airport}, and training for {n} customs and border officers in their use."),
            ("Legislation implementing the Chemical Weapons Convention",
             "{state} has ratified the Chemical Weapons Convention but has no implementing legislation or national authority. Legal advice and a model law are requested."),
        ],
        "fr": [
            ("Sécurité des sources radioactives",
             "{agency} tient un registre d'environ {m} sources radioactives, mais plusieurs sources orphelines n'ont pas été retrouvées. Nous demandons un appui pour leur recherche et leur entreposage sécurisé."),
            ("Loi d'application de la Convention sur les armes chimiques",
             "{state} a ratifié la Convention sur les armes chimiques mais n'a ni loi d'application ni autorité nationale. Nous sollicitons une assistance juridique."),
        ],
        "es": [
            ("Seguridad de fuentes radiactivas",
             "{agency} lleva un registro de unas {m} fuentes radiactivas, pero varias fuentes huérfanas no han sido localizadas. Pedimos apoyo para su búsqueda y almacenamiento seguro."),
            ("Detección de materiales nucleares en puestos fronterizos",
             "Solicitamos detectores de radiación para el {place} y el {airport}, y capacitación para {n} funcionarios de aduanas."),
        ],
        "ru": [
            ("Физическая защита радиоактивных источников",
             "{agency} ведёт учёт примерно {m} радиоактивных источников, однако часть бесхозных источников не найдена. Просим помощи в их поиске и безопасном хранении."),
            ("Радиационный контроль на границе",
             "Просим предоставить радиационные мониторы (объект: {place}) и обучить {n} сотрудников таможни."),
        ],
        "ar": [
            ("أمن المصادر المشعة",
             "تحتفظ {agency} بسجل لنحو {m} مصدراً مشعاً، إلا أن بعض المصادر اليتيمة لم يعثر عليها. نطلب المساعدة في البحث عنها وتخزينها بأمان."),
            ("تشريع لتنفيذ اتفاقية الأسلحة الكيميائية",
             "صادقت {state} على اتفاقية الأسلحة الكيميائية لكنها تفتقر إلى تشريع تنفيذي وسلطة وطنية. نطلب مساعدة قانونية."),
        ],
        "zh": [
            ("放射源安全与边境辐射探测", "{agency}请求协助加强约{m}个放射源的安全管理，并在{place}等口岸配备辐射探测设备。"),
        ],
    },
    "other": {
        "en": [
            ("Protection of critical infrastructure",
             "{agency} asks for advice on assessing the vulnerability of power stations, water supply and telecommunications around {capital} to terrorist attack."),
            ("Computerisation of the national counter-terrorism coordination centre",
             "The coordination centre set up after resolution 1373 has no database or secure network. Assistance is sought for equipment and training for {n} staff."),
            ("Human rights and counter-terrorism training for law-enforcement officials",
             "We request a seminar for {n} police, prosecutors and prison officials on respecting human rights while countering terrorism."),
        ],
        "fr": [
            ("Protection des infrastructures critiques",
             "{agency} souhaite un appui pour évaluer la vulnérabilité des centrales électriques, de l'approvisionnement en eau et des télécommunications de {capital}."),
            ("Équipement du centre national de coordination",
             "Le centre de coordination créé après la résolution 1373 ne dispose ni de base de données ni de réseau sécurisé. Nous demandons du matériel et la formation de {n} agents."),
        ],
        "es": [
            ("Protección de infraestructura crítica",
             "{agency} solicita asesoría para evaluar la vulnerabilidad de centrales eléctricas, acueductos y telecomunicaciones de {capital} frente a atentados."),
            ("Derechos humanos y lucha contra el terrorismo",
             "Pedimos un seminario para {n} policías, fiscales y funcionarios penitenciarios sobre el respeto de los derechos humanos en la lucha contra el terrorismo."),
        ],
        "ru": [
            ("Защита объектов критической инфраструктуры",
             "{agency} просит консультативной помощи в оценке уязвимости электростанций, систем водоснабжения и связи г. {capital}."),
            ("Оснащение национального координационного центра",
             "Координационный центр, созданный после принятия резолюции 1373, не имеет базы данных и защищённой сети связи. Требуется оборудование и обучение {n} сотрудников."),
        ],
        "ar": [
            ("حماية البنية التحتية الحيوية",
             "تطلب {agency} المشورة لتقييم مدى تعرض محطات الكهرباء وشبكات المياه والاتصالات في {capital} للهجمات الإرهابية."),
            ("تجهيز المركز الوطني لتنسيق مكافحة الإرهاب",
             "لا يملك مركز التنسيق الذي أنشئ بعد القرار 1373 قاعدة بيانات أو شبكة آمنة. نطلب معدات وتدريب {n} موظفاً."),
        ],
        "zh": [
            ("关键基础设施保护", "{agency}请求协助评估{capital}电力、供水和通信设施遭受恐怖袭击的脆弱性。"),
        ],
    },
}

# Free-text openers and closers that vary the wording of request descriptions.
OPENERS = {
    "en": ["", "", "As noted in our report {report}, ", "Following the Committee's comments on our report {report}: ",
           "The Government of {state} wishes to inform the Technical Assistance Team that "],
    "fr": ["", "", "Comme indiqué dans notre rapport {report}, ", "Suite aux observations du Comité sur notre rapport {report} : "],
    "es": ["", "", "Tal como se indicó en nuestro informe {report}, ", "En respuesta a las observaciones del Comité sobre el informe {report}: "],
    "ru": ["", "", "Как указано в докладе {report}, ", "В связи с замечаниями Комитета по докладу {report}: "],
    "ar": ["", "", "كما ورد في تقريرنا {report}، ", "بناءً على ملاحظات اللجنة بشأن التقرير {report}: "],
    "zh": ["", "如我国报告{report}所述，"],
}
CLOSERS = {
    "en": ["", " The need is urgent.", " We would prefer delivery in {capital}.", " A regional course would also be welcome."],
    "fr": ["", " Ce besoin est prioritaire.", " Une formation à {capital} serait souhaitable.", " Un stage régional conviendrait également."],
    "es": ["", " Se trata de una necesidad urgente.", " Preferimos que la capacitación se realice en {capital}.", " Un curso regional también sería útil."],
    "ru": ["", " Данная потребность является первоочередной.", " Желательно проведение обучения в г. {capital}."],
    "ar": ["", " هذه الحاجة ذات أولوية.", " نفضل أن يتم التدريب في {capital}."],
    "zh": ["", "此项需求较为紧迫。"],
}
MONTHS = {
    "en": ["July", "September", "October", "November"],
    "fr": ["juillet", "septembre", "octobre", "novembre"],
    "es": ["julio", "septiembre", "octubre", "noviembre"],
    "ru": ["июле", "сентябре", "октябре", "ноябре"],
    "ar": ["يوليو", "سبتمبر", "أكتوبر", "نوفمبر"],
    "zh": ["七月", "九月", "十月", "十一月"],
}

# Rewordings used for duplicate requests (same need, new words): prefix per language.
DUPLICATE_PREFIX = {
    "en": ["Reminder: ", "Follow-up: ", "Resubmitted: "],
    "fr": ["Rappel : ", "Suite : ", "Nouvelle demande : "],
    "es": ["Recordatorio: ", "Seguimiento: ", "Reiteración: "],
    "ru": ["Повторно: ", "Напоминание: "],
    "ar": ["تذكير: ", "متابعة: "],
    "zh": ["再次提交：", "补充："],
}

# Programme texts: area -> language -> list of (title, description). Slots: {provider} (name),
# {venue}, {weeks}, {participants}, {audience}.
PROGRAMMES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "legislation": {
        "en": [
            ("Legislative advice on ratifying and implementing the universal anti-terrorism instruments",
             "{provider} sends legal experts to review draft counter-terrorism laws against resolution 1373 and the twelve universal conventions, and helps drafters prepare the instruments of ratification and the implementing provisions of the penal code."),
            ("Counter-terrorism legal drafting workshops",
             "Workshops of {weeks} week(s) in {venue} for up to {participants} legislative drafters and legal officers per session, working through model legislation and the states' own draft bills."),
            ("Model legislation and implementation kits",
             "{provider} provides model legislative provisions on terrorism offences, jurisdiction and international cooperation, with a follow-up expert visit to adapt them to the national legal system."),
        ],
        "fr": [
            ("Assistance législative pour la ratification des conventions contre le terrorisme",
             "{provider} met à disposition des juristes pour examiner les projets de loi antiterroriste au regard de la résolution 1373 et des douze conventions universelles, et pour rédiger les dispositions d'application du Code pénal."),
        ],
        "es": [
            ("Asesoría legislativa sobre los instrumentos universales contra el terrorismo",
             "{provider} ofrece expertos para revisar proyectos de ley antiterrorista y apoyar la ratificación y aplicación de los convenios universales."),
        ],
        "ru": [
            ("Правовая помощь в приведении законодательства в соответствие с резолюцией 1373",
             "{provider} направляет экспертов для анализа законопроектов о борьбе с терроризмом и оказывает помощь в присоединении к универсальным конвенциям."),
        ],
        "ar": [
            ("المساعدة التشريعية في تنفيذ الصكوك الدولية لمكافحة الإرهاب",
             "يقدم {provider} خبراء قانونيين لمراجعة مشاريع قوانين مكافحة الإرهاب وصياغة الأحكام التنفيذية للاتفاقيات الدولية."),
        ],
    },
    "financing": {
        "en": [
            ("Setting up and strengthening Financial Intelligence Units",
             "{provider} helps establish FIUs: legal framework, organisation, suspicious transaction reporting, analysis tools and membership of international FIU networks. Includes a {weeks}-week mentoring placement for analysts."),
            ("AML/CFT training for supervisors and financial institutions",
             "Courses in {venue} for up to {participants} bank supervisors, compliance officers and FIU analysts on customer due diligence, detecting terrorist financing and freezing assets."),
            ("Technical assistance on freezing terrorist assets and regulating remittances",
             "Expert missions advising central banks and ministries of finance on mechanisms to freeze funds without delay, on alternative remittance systems and on oversight of non-profit organisations."),
        ],
        "fr": [
            ("Création et renforcement des cellules de renseignement financier",
             "{provider} accompagne la mise en place des CRF : cadre juridique, déclarations de soupçon, outils d'analyse et formation des analystes, avec un stage de {weeks} semaine(s)."),
        ],
        "es": [
            ("Fortalecimiento de Unidades de Inteligencia Financiera",
             "{provider} apoya la creación y el fortalecimiento de UIF y capacita a supervisores y oficiales de cumplimiento en la prevención de la financiación del terrorismo."),
        ],
        "ru": [
            ("Противодействие финансированию терроризма: обучение и консультации",
             "{provider} проводит курсы для сотрудников подразделений финансовой разведки и органов надзора и консультирует по вопросам замораживания активов."),
        ],
    },
    "customs": {
        "en": [
            ("Customs enforcement and risk management training",
             "{provider} trains customs officers in risk analysis, targeting of high-risk consignments, detection of weapons, explosives and undeclared cash. Sessions of {weeks} week(s) for up to {participants} officers."),
            ("Supply-chain security and container inspection",
             "Advice and equipment for non-intrusive inspection of containers and for advance cargo information, with training of operators at the beneficiary's main port."),
        ],
        "fr": [
            ("Formation douanière au ciblage et à la lutte contre la fraude",
             "{provider} forme les agents des douanes à l'analyse de risque, au contrôle des mouvements d'espèces et à la détection des armes et explosifs."),
        ],
        "ru": [
            ("Подготовка таможенных служб по управлению рисками",
             "{provider} проводит обучение таможенников методам анализа рисков и выявлению незаконного перемещения оружия и наличных средств."),
        ],
    },
    "immigration": {
        "en": [
            ("Border control and travel document security",
             "{provider} trains immigration and border officers to detect forged travel documents and impostors and advises on secure issuance of passports that meet ICAO standards."),
            ("Computerised border management systems",
             "Design, installation and training for computerised entry/exit registration linked to national and international watch lists at airports and land crossings."),
        ],
        "fr": [
            ("Contrôle des frontières et sécurité des documents de voyage",
             "{provider} forme les agents de la police aux frontières à la détection des faux documents et conseille sur la délivrance sécurisée des passeports."),
        ],
        "es": [
            ("Control migratorio y seguridad de documentos de viaje",
             "{provider} capacita a inspectores migratorios en la detección de documentos falsos y asesora sobre sistemas informatizados de control de fronteras."),
        ],
        "ru": [
            ("Пограничный контроль и защита проездных документов",
             "{provider} обучает сотрудников пограничных служб выявлению поддельных документов и консультирует по внедрению автоматизированных систем пограничного контроля."),
        ],
    },
    "extradition": {
        "en": [
            ("Extradition and mutual legal assistance in terrorism cases",
             "{provider} trains prosecutors, judges and central authorities to draft and execute extradition and mutual legal assistance requests, and advises on modern extradition laws."),
            ("Central authorities for international cooperation in criminal matters",
             "Expert visits to set up or strengthen central authorities: procedures, case-tracking and model request forms, followed by a study visit for {participants} officials."),
        ],
        "fr": [
            ("Entraide judiciaire et extradition en matière de terrorisme",
             "{provider} forme les magistrats et les autorités centrales à la rédaction et à l'exécution des demandes d'entraide et d'extradition."),
        ],
        "es": [
            ("Cooperación judicial internacional en casos de terrorismo",
             "{provider} capacita a fiscales y jueces sobre extradición y asistencia judicial recíproca y asesora a las autoridades centrales."),
        ],
    },
    "law-enforcement": {
        "en": [
            ("Counter-terrorism investigation training for police",
             "{provider} runs courses of {weeks} week(s) in {venue} for up to {participants} police investigators on terrorist networks, post-blast investigation, surveillance and intelligence analysis."),
            ("Police information exchange and early warning",
             "Support to connect national police and border posts to international databases and notices, and to set up joint analysis cells across law-enforcement agencies."),
            ("Mentoring of counter-terrorism units",
             "Experienced officers are seconded for up to six months to mentor newly created counter-terrorism units on investigations, crisis management and inter-agency cooperation."),
        ],
        "fr": [
            ("Formation des services de police aux enquêtes antiterroristes",
             "{provider} organise des stages de {weeks} semaine(s) pour les enquêteurs sur les réseaux terroristes, les constatations après attentat et l'analyse du renseignement."),
        ],
        "es": [
            ("Capacitación policial en investigación de terrorismo",
             "{provider} organiza cursos para investigadores policiales sobre redes terroristas, investigación post-explosión e inteligencia."),
        ],
        "ru": [
            ("Подготовка сотрудников правоохранительных органов по борьбе с терроризмом",
             "{provider} проводит курсы по расследованию террористических преступлений, обмену оперативной информацией и раннему предупреждению."),
        ],
        "ar": [
            ("تدريب أجهزة الشرطة على مكافحة الإرهاب",
             "ينظم {provider} دورات للمحققين حول الشبكات الإرهابية والتحقيق بعد التفجيرات وتحليل المعلومات وتبادلها."),
        ],
    },
    "arms": {
        "en": [
            ("Small arms control: marking, tracing and stockpile management",
             "{provider} assists with marking and registering weapons, tracing, secure storage and destruction of surplus small arms and ammunition."),
            ("Control of explosives and firearms legislation",
             "Advice on firearms and explosives legislation, brokering controls and licensing, with training for inspectors."),
        ],
        "fr": [
            ("Lutte contre la prolifération des armes légères",
             "{provider} appuie le marquage, l'enregistrement et la destruction des armes légères excédentaires ainsi que la sécurisation des stocks."),
        ],
        "es": [
            ("Control de armas pequeñas y explosivos",
             "{provider} apoya el marcaje, registro y destrucción de armas excedentes y asesora sobre la legislación de armas y explosivos."),
        ],
        "ru": [
            ("Контроль над стрелковым оружием и взрывчатыми веществами",
             "{provider} оказывает помощь в учёте, безопасном хранении и уничтожении излишков оружия и боеприпасов."),
        ],
    },
    "aviation": {
        "en": [
            ("Aviation security training (ICAO Annex 17)",
             "{provider} delivers standardised aviation security training packages for screeners, supervisors and managers, in {venue} or at the beneficiary's airport."),
            ("Airport security assessment and screening equipment",
             "Assessment of airport security, advice on the national civil aviation security programme, and provision of screening equipment with operator training."),
        ],
        "fr": [
            ("Formation en sûreté de l'aviation civile",
             "{provider} dispense des formations normalisées en sûreté de l'aviation pour les agents d'inspection-filtrage et les superviseurs."),
        ],
        "es": [
            ("Seguridad de la aviación civil",
             "{provider} imparte cursos de seguridad de la aviación y asesora sobre programas nacionales de seguridad aeroportuaria."),
        ],
    },
    "maritime": {
        "en": [
            ("Port facility security and the ISPS Code",
             "{provider} helps administrations prepare for the ISPS Code: port facility security assessments, plans and the training of port facility security officers."),
            ("Maritime law enforcement and coastal patrol",
             "Training in boarding, search and seizure, and support for patrol craft and coastal surveillance."),
        ],
        "fr": [
            ("Sûreté portuaire et Code ISPS",
             "{provider} aide les administrations maritimes à appliquer le Code ISPS : évaluations de sûreté, plans et formation des agents de sûreté portuaire."),
        ],
        "es": [
            ("Protección portuaria y Código PBIP",
             "{provider} apoya la aplicación del Código PBIP con evaluaciones de protección y formación de oficiales de protección portuaria."),
        ],
    },
    "cbrn": {
        "en": [
            ("Nuclear security: protection of radioactive sources and border monitoring",
             "{provider} assists with registers and physical protection of radioactive sources, searches for orphan sources and radiation detection at borders."),
            ("National implementation of the Chemical Weapons Convention",
             "Legal assistance for implementing legislation, setting up the national authority, and training customs officers on scheduled chemicals."),
            ("Biosecurity of laboratories",
             "Advice on securing dangerous pathogens in laboratories and on export controls for dual-use biological materials."),
        ],
        "fr": [
            ("Sécurité nucléaire et protection des sources radioactives",
             "{provider} aide à recenser et protéger les sources radioactives et à équiper les postes frontières de détecteurs de rayonnements."),
        ],
        "ru": [
            ("Физическая ядерная безопасность",
             "{provider} оказывает помощь в учёте и защите радиоактивных источников и в оснащении пунктов пропуска средствами радиационного контроля."),
        ],
    },
    "other": {
        "en": [
            ("Protection of critical infrastructure and crisis management",
             "{provider} advises on vulnerability assessments of critical infrastructure and on national crisis-management exercises."),
            ("Human rights in counter-terrorism",
             "Seminars for police, prosecutors and prison officials on respecting human rights and the rule of law while countering terrorism."),
            ("National counter-terrorism coordination",
             "Advice and equipment for national coordination centres: strategy, information systems and inter-agency procedures."),
        ],
        "fr": [
            ("Coordination nationale de la lutte contre le terrorisme",
             "{provider} conseille les centres nationaux de coordination et forme leurs agents à la gestion de crise."),
        ],
    },
}


# ============================================================================================
# Generator
# ============================================================================================

SEED = 1373
END = date(2003, 6, 30)  # the last day of the source's work programme (1 April - 30 June 2003)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "demo"
ACTIVE = ("submitted", "open", "matched", "in_delivery")

# Providers and their programmes: (areas, modality, scope, languages of delivery, text language,
# capacity per quarter). Scope is one of {"global": True}, {"members_of": [...]}, {"states": [...]},
# {"regions": [...]}.
FRANCOPHONE = ["SEN", "MLI", "NER", "BFA", "CIV", "BEN", "TGO", "GIN", "CMR", "TCD", "COD", "GAB", "MDG",
               "DJI", "MAR", "TUN", "DZA", "MRT", "HTI", "LBN"]
US_PARTNERS = ["KEN", "UGA", "TZA", "ETH", "DJI", "PAK", "IDN", "PHL", "COL", "PER", "JOR", "YEM", "KAZ", "UZB",
               "GEO", "BGD", "THA", "NGA"]
UK_PARTNERS = ["KEN", "NGA", "GHA", "JAM", "TTO", "PAK", "LKA", "BGD", "ZAF", "UGA", "SLE", "GUY"]
BALKANS = ["ALB", "BIH", "MKD", "SRB", "MNE"]
ALL_UN = ["en", "fr", "es", "ru", "ar", "zh"]
PROVIDERS: list[tuple[str, str, list[tuple[list[str], str, dict[str, Any], list[str], str, int]]]] = [
    ("UNODC", "the United Nations Office on Drugs and Crime", [
        (["legislation"], "legislative_advice", {"global": True}, ["en", "fr", "es", "ru", "ar"], "en", 12),
        (["financing", "legislation"], "training", {"global": True}, ["en", "fr", "es", "ru"], "en", 8),
        (["extradition", "legislation"], "workshop", {"global": True}, ["en", "fr", "es"], "en", 6),
        (["legislation"], "expert_visit", {"regions": ["Africa"]}, ["fr", "en"], "fr", 6),
        (["legislation", "financing"], "expert_visit", {"regions": ["Asia"]}, ["en", "zh", "ru"], "en", 4),
    ]),
    ("IMF", "the International Monetary Fund", [
        (["financing"], "legislative_advice", {"members_of": ["IMF"]}, ["en", "fr", "es", "ru", "ar"], "en", 6),
        (["financing"], "training", {"members_of": ["IMF"]}, ["en", "fr", "es"], "en", 4),
    ]),
    ("WB", "the World Bank", [
        (["financing"], "training", {"members_of": ["WB"]}, ["en", "fr", "es", "ar"], "en", 5),
    ]),
    ("IAEA", "the International Atomic Energy Agency", [
        (["cbrn"], "equipment", {"members_of": ["IAEA"]}, ALL_UN, "en", 5),
        (["cbrn"], "expert_visit", {"members_of": ["IAEA"]}, ["en", "ru", "fr"], "ru", 4),
    ]),
    ("OPCW", "the Organisation for the Prohibition of Chemical Weapons", [
        (["cbrn", "legislation"], "legislative_advice", {"members_of": ["OPCW"]}, ["en", "fr", "es", "ru", "ar"], "en", 6),
    ]),
    ("WCO", "the World Customs Organization", [
        (["customs"], "training", {"members_of": ["WCO"]}, ["en", "fr", "es", "ru", "ar"], "en", 8),
        (["customs"], "expert_visit", {"members_of": ["WCO"]}, ["fr", "en"], "fr", 4),
    ]),
    ("INTERPOL", "INTERPOL", [
        (["law-enforcement"], "equipment", {"members_of": ["INTERPOL"]}, ["en", "fr", "es", "ar"], "en", 10),
        (["law-enforcement", "immigration"], "training", {"members_of": ["INTERPOL"]}, ALL_UN, "en", 8),
    ]),
    ("ICAO", "the International Civil Aviation Organization", [
        (["aviation"], "training", {"members_of": ["ICAO"]}, ALL_UN, "en", 10),
        (["aviation", "immigration"], "expert_visit", {"members_of": ["ICAO"]}, ["en", "fr", "es"], "en", 4),
        (["aviation"], "online_course", {"members_of": ["ICAO"]}, ["es", "en"], "es", 20),
    ]),
    ("IMO", "the International Maritime Organization", [
        (["maritime"], "workshop", {"members_of": ["IMO"]}, ALL_UN, "en", 8),
        (["maritime"], "training", {"members_of": ["IMO"]}, ["fr", "en"], "fr", 4),
    ]),
    ("UNDP", "the United Nations Development Programme", [
        (["other", "legislation"], "expert_visit", {"regions": ["Africa", "Asia"]}, ["en", "fr", "ar"], "en", 4),
    ]),
    ("OSCE", "the OSCE", [
        (["immigration"], "workshop", {"members_of": ["OSCE"]}, ["en", "ru"], "en", 6),
        (["law-enforcement"], "training", {"members_of": ["OSCE"]}, ["en", "ru"], "ru", 6),
        (["arms"], "expert_visit", {"members_of": ["OSCE"]}, ["en", "ru"], "en", 3),
        (["legislation"], "legislative_advice", {"members_of": ["OSCE"]}, ["ru", "en"], "ru", 4),
    ]),
    ("CICTE", "the Inter-American Committee against Terrorism", [
        (["immigration"], "training", {"members_of": ["OAS"]}, ["es", "en"], "es", 6),
        (["aviation"], "training", {"members_of": ["CICTE"]}, ["es", "en"], "en", 5),
        (["maritime"], "workshop", {"members_of": ["CICTE"]}, ["es", "en"], "es", 4),
    ]),
    ("OAS", "the Organization of American States (CICAD)", [
        (["financing"], "training", {"members_of": ["OAS"]}, ["es", "en"], "es", 6),
    ]),
    ("COE", "the Council of Europe", [
        (["extradition"], "workshop", {"members_of": ["COE"]}, ["en", "fr", "ru"], "en", 4),
        (["legislation"], "legislative_advice", {"members_of": ["COE"]}, ["en", "fr", "ru"], "fr", 3),
    ]),
    ("EU", "the European Union", [
        (["customs", "immigration"], "equipment", {"regions": ["Central Asia", "Eastern Europe"]}, ["ru", "en"], "ru", 3),
        (["immigration"], "training", {"regions": ["Northern Africa", "Western Asia"]}, ["en", "fr", "ar"], "fr", 4),
        (["law-enforcement"], "mentoring", {"states": BALKANS}, ["en"], "en", 2),
    ]),
    ("COMMONWEALTH", "the Commonwealth Secretariat", [
        (["legislation"], "legislative_advice", {"members_of": ["COMMONWEALTH"]}, ["en"], "en", 8),
        (["financing"], "workshop", {"members_of": ["COMMONWEALTH"]}, ["en"], "en", 5),
    ]),
    ("AU", "the African Union Commission", [
        (["law-enforcement"], "workshop", {"members_of": ["AU"]}, ["en", "fr", "ar"], "en", 4),
        (["legislation"], "legislative_advice", {"members_of": ["AU"]}, ["fr", "en", "ar"], "fr", 3),
    ]),
    ("APEC", "the APEC Counter-Terrorism Task Force", [
        (["aviation", "maritime"], "workshop", {"members_of": ["APEC"]}, ["en"], "en", 3),
    ]),
    ("LAS", "the League of Arab States", [
        (["legislation"], "workshop", {"members_of": ["LAS"]}, ["ar"], "ar", 4),
        (["law-enforcement"], "training", {"members_of": ["LAS"]}, ["ar"], "ar", 5),
    ]),
    ("SADC", "the SADC Secretariat (SARPCCO)", [
        (["law-enforcement", "arms"], "training", {"members_of": ["SADC"]}, ["en", "fr"], "en", 4),
    ]),
    ("ECOWAS", "the ECOWAS Commission", [
        (["arms"], "expert_visit", {"members_of": ["ECOWAS"]}, ["fr", "en"], "fr", 3),
    ]),
    ("CIS", "the CIS Anti-Terrorism Center", [
        (["law-enforcement"], "training", {"members_of": ["CIS"]}, ["ru"], "ru", 6),
        (["immigration", "customs"], "workshop", {"members_of": ["CIS"]}, ["ru"], "ru", 4),
    ]),
    ("PIF", "the Pacific Islands Forum Secretariat", [
        (["legislation"], "legislative_advice", {"members_of": ["PIF"]}, ["en"], "en", 4),
    ]),
    ("APG", "the Asia/Pacific Group on Money Laundering", [
        (["financing"], "workshop", {"members_of": ["APG"]}, ["en"], "en", 4),
    ]),
    ("CFATF", "the Caribbean Financial Action Task Force", [
        (["financing"], "training", {"members_of": ["CFATF"]}, ["en", "es"], "en", 4),
    ]),
    ("ESAAMLG", "the Eastern and Southern Africa Anti-Money Laundering Group", [
        (["financing"], "workshop", {"members_of": ["ESAAMLG"]}, ["en"], "en", 3),
    ]),
    ("MONEYVAL", "MONEYVAL", [
        (["financing"], "expert_visit", {"members_of": ["MONEYVAL"]}, ["en", "ru"], "en", 3),
    ]),
    ("CARICOM", "the CARICOM Secretariat", [
        (["immigration", "customs"], "training", {"members_of": ["CARICOM"]}, ["en"], "en", 4),
    ]),
    ("JICA", "the Japan International Cooperation Agency", [
        (["immigration"], "training", {"regions": ["South-eastern Asia"]}, ["en"], "en", 3),
        (["aviation"], "study_visit", {"regions": ["South-eastern Asia", "Southern Asia"]}, ["en"], "en", 2),
    ]),
    ("USA", "the United States Department of State (Anti-Terrorism Assistance)", [
        (["law-enforcement"], "training", {"states": US_PARTNERS}, ["en", "es", "fr", "ru"], "en", 8),
        (["financing"], "legislative_advice", {"states": US_PARTNERS}, ["en", "es", "ar"], "en", 4),
        (["aviation"], "equipment", {"states": US_PARTNERS}, ["en", "fr"], "en", 3),
        (["immigration"], "equipment", {"states": ["PAK", "KEN", "TZA", "ETH", "YEM", "DJI", "UGA"]}, ["en", "ar"], "en", 2),
    ]),
    ("GBR", "the United Kingdom", [
        (["legislation"], "legislative_advice", {"members_of": ["COMMONWEALTH"]}, ["en"], "en", 5),
        (["financing"], "mentoring", {"states": UK_PARTNERS}, ["en"], "en", 3),
        (["aviation"], "training", {"members_of": ["COMMONWEALTH"]}, ["en"], "en", 4),
    ]),
    ("CAN", "Canada", [
        (["immigration"], "training", {"members_of": ["OAS"]}, ["en", "fr", "es"], "en", 5),
        (["legislation"], "legislative_advice", {"global": True}, ["fr", "en"], "fr", 4),
        (["financing"], "workshop", {"members_of": ["CARICOM"]}, ["en"], "en", 3),
    ]),
    ("AUS", "Australia", [
        (["law-enforcement"], "training", {"regions": ["South-eastern Asia", "Melanesia", "Polynesia", "Micronesia"]}, ["en"], "en", 6),
        (["maritime"], "expert_visit", {"regions": ["Melanesia", "Polynesia", "Micronesia"]}, ["en"], "en", 3),
        (["legislation"], "legislative_advice", {"members_of": ["PIF"]}, ["en"], "en", 3),
    ]),
    ("JPN", "Japan", [
        (["immigration"], "training", {"regions": ["South-eastern Asia"]}, ["en"], "en", 4),
        (["aviation", "maritime"], "training", {"regions": ["South-eastern Asia", "Southern Asia"]}, ["en"], "en", 4),
    ]),
    ("DEU", "Germany", [
        (["law-enforcement"], "training", {"regions": ["Central Asia", "Eastern Europe"]}, ["ru", "en"], "ru", 4),
        (["immigration"], "equipment", {"regions": ["Central Asia"]}, ["ru"], "ru", 2),
    ]),
    ("FRA", "France", [
        (["legislation"], "legislative_advice", {"states": FRANCOPHONE}, ["fr"], "fr", 5),
        (["customs"], "training", {"states": FRANCOPHONE}, ["fr"], "fr", 4),
        (["law-enforcement"], "training", {"states": FRANCOPHONE}, ["fr"], "fr", 4),
    ]),
    ("NLD", "the Netherlands", [
        (["extradition"], "workshop", {"global": True}, ["en"], "en", 3),
        (["financing"], "expert_visit", {"regions": ["Caribbean", "South America"]}, ["en", "es"], "en", 2),
    ]),
    ("NOR", "Norway", [
        (["legislation"], "legislative_advice", {"global": True}, ["en", "fr"], "en", 3),
        (["other"], "workshop", {"global": True}, ["en", "fr", "es"], "en", 3),
    ]),
    ("ESP", "Spain", [
        (["law-enforcement"], "training", {"regions": ["South America", "Central America", "Caribbean", "Northern Africa"]}, ["es", "fr"], "es", 5),
        (["extradition"], "workshop", {"regions": ["South America", "Central America"]}, ["es"], "es", 3),
    ]),
    ("SWE", "Sweden", [
        (["financing"], "expert_visit", {"regions": ["Eastern Africa", "Southern Africa"]}, ["en"], "en", 2),
    ]),
    ("CHE", "Switzerland", [
        (["financing"], "workshop", {"global": True}, ["en", "fr"], "fr", 3),
        (["extradition"], "training", {"global": True}, ["en", "fr", "es"], "en", 3),
    ]),
    ("ITA", "Italy", [
        (["law-enforcement"], "workshop", {"regions": ["Northern Africa", "Southern Europe"]}, ["en", "fr", "ar"], "en", 3),
    ]),
    ("RUS", "the Russian Federation", [
        (["law-enforcement"], "training", {"members_of": ["CIS"]}, ["ru"], "ru", 5),
        (["cbrn"], "expert_visit", {"members_of": ["CIS"]}, ["ru"], "ru", 2),
    ]),
    ("NZL", "New Zealand", [
        (["maritime"], "training", {"regions": ["Polynesia", "Melanesia", "Micronesia"]}, ["en"], "en", 3),
    ]),
    ("ZAF", "South Africa", [
        (["aviation"], "training", {"members_of": ["SADC"]}, ["en"], "en", 3),
    ]),
    ("EGY", "Egypt", [
        (["law-enforcement"], "study_visit", {"members_of": ["LAS"]}, ["ar", "en"], "ar", 3),
    ]),
]

VENUES = {"UNODC": "Vienna", "IMF": "Washington", "WB": "Washington", "IAEA": "Vienna", "OPCW": "The Hague",
          "WCO": "Brussels", "INTERPOL": "Lyon", "ICAO": "Montreal", "IMO": "London", "UNDP": "New York",
          "OSCE": "Vienna", "CICTE": "Washington", "OAS": "Washington", "COE": "Strasbourg", "EU": "Brussels",
          "COMMONWEALTH": "London", "AU": "Addis Ababa", "APEC": "Singapore", "LAS": "Cairo", "SADC": "Gaborone",
          "ECOWAS": "Abuja", "CIS": "Moscow", "PIF": "Suva", "APG": "Sydney", "CFATF": "Port of Spain",
          "ESAAMLG": "Dar es Salaam", "MONEYVAL": "Strasbourg", "CARICOM": "Georgetown", "JICA": "Tokyo",
          "USA": "Washington", "GBR": "London", "CAN": "Ottawa", "AUS": "Canberra", "JPN": "Tokyo", "DEU": "Berlin",
          "FRA": "Paris", "NLD": "The Hague", "NOR": "Oslo", "ESP": "Madrid", "SWE": "Stockholm", "CHE": "Bern",
          "ITA": "Rome", "RUS": "Moscow", "NZL": "Wellington", "ZAF": "Pretoria", "EGY": "Cairo"}
# Provider names inside programme texts that are not in English.
PROVIDER_LOCAL = {
    ("UNODC", "fr"): "L'Office des Nations Unies contre la drogue et le crime",
    ("IAEA", "ru"): "МАГАТЭ", ("WCO", "fr"): "L'Organisation mondiale des douanes",
    ("ICAO", "es"): "La Organización de Aviación Civil Internacional", ("IMO", "fr"): "L'Organisation maritime internationale",
    ("OSCE", "ru"): "ОБСЕ", ("CICTE", "es"): "El Comité Interamericano contra el Terrorismo",
    ("OAS", "es"): "La Comisión Interamericana para el Control del Abuso de Drogas (CICAD) de la OEA",
    ("COE", "fr"): "Le Conseil de l'Europe", ("EU", "ru"): "Европейский союз", ("EU", "fr"): "L'Union européenne",
    ("AU", "fr"): "La Commission de l'Union africaine", ("LAS", "ar"): "الأمانة العامة لجامعة الدول العربية",
    ("ECOWAS", "fr"): "La Commission de la CEDEAO", ("CIS", "ru"): "Антитеррористический центр СНГ",
    ("CAN", "fr"): "Le Canada", ("FRA", "fr"): "La France", ("DEU", "ru"): "Германия", ("ESP", "es"): "España",
    ("CHE", "fr"): "La Suisse", ("RUS", "ru"): "Российская Федерация", ("EGY", "ar"): "جمهورية مصر العربية",
}
MODALITY_PHRASE = {
    "training": "Delivered as training courses", "legislative_advice": "Delivered as legislative advice",
    "equipment": "Includes equipment with installation and operator training", "mentoring": "Delivered as long-term mentoring",
    "workshop": "Delivered as national or regional workshops", "expert_visit": "Delivered through expert visits",
    "study_visit": "Delivered as study visits for officials", "online_course": "Delivered as a self-paced online course",
}
NOT_REASONABLE = [
    "Not linked to any gap identified in the state's reports or in the Committee's comments on them.",
    "Too vague to act on: the state has been asked to specify the agency, the number of officials and the gap.",
    "Premature: depends on the draft counter-terrorism law, which Parliament has not yet adopted.",
    "Already fully covered by a bilateral programme delivered in 2002; the state confirmed no remaining gap.",
    "The equipment asked for (vehicles, arms) is not technical assistance under resolution 1373.",
]
REJECT_REASONS = [
    "Programme's capacity for the quarter is already committed.",
    "Covers policy level only; the request needs operational training.",
    "Overlaps with an ongoing bilateral project in the same agency.",
    "A regional provider with delivery in the request's language is a better fit.",
    "State prefers an in-country course; this programme is delivered only at headquarters.",
]
DECLINE_REASONS = [
    "Provider has no trainers available before 2004.",
    "Provider's 2003 budget for the region is exhausted.",
    "Provider asks the state first to adopt the draft law under review.",
]
DELIVERY_NOTES = [
    "Course held in {capital}; {n} officials trained.",
    "Expert mission of {m} days; comments on the draft delivered to the ministry.",
    "Equipment delivered and installed; operators trained on site.",
    "Regional workshop attended by two officials of the state.",
    "Mentor deployed for {m} weeks with the agency.",
]
DELIVERING_NOTES = [
    "First module held in {capital}; second module scheduled.",
    "Expert on mission with the agency for {m} days.",
    "Equipment shipped; installation planned.",
    "Mentor deployed; {n} officials taking part.",
]
PARTIAL_NOTES = [
    "Only the first module was delivered; the second was cancelled for security reasons.",
    "Equipment delivered but not installed: the site was not ready.",
]
WITHDRAWN_REASON = "Withdrawn by the state: the need is now covered from the national budget."

FIRST_NAMES = {
    "en": ["James", "Grace", "Peter", "Mary", "Samuel", "Ruth", "David", "Amina", "John", "Sarah", "Michael", "Esther"],
    "fr": ["Jean", "Marie", "Amadou", "Aïssatou", "Pierre", "Fatou", "Moussa", "Claire", "Ibrahima", "Awa", "Paul"],
    "es": ["Carlos", "María", "José", "Ana", "Luis", "Carmen", "Jorge", "Rosa", "Miguel", "Lucía"],
    "ru": ["Алексей", "Елена", "Сергей", "Гульнара", "Нурлан", "Ирина", "Бахтияр", "Ольга", "Тимур", "Айгуль"],
    "ar": ["Ahmed", "Fatima", "Mohamed", "Leila", "Khalid", "Nadia", "Omar", "Samira", "Youssef", "Huda"],
    "zh": ["Wei", "Li", "Ming", "Hua", "Jun"],
}
LAST_NAMES = {
    "en": ["Mwangi", "Okafor", "Mensah", "Otieno", "Banda", "Perera", "Khan", "Santos", "Williams", "Tavita", "Hossain"],
    "fr": ["Diallo", "Traoré", "Ndiaye", "Koné", "Ouédraogo", "Mbida", "Rakoto", "Benali", "Dupont", "Kaboré"],
    "es": ["García", "Quispe", "Rodríguez", "Mendoza", "Torres", "Flores", "Vargas", "Castillo", "Ramírez"],
    "ru": ["Ахметов", "Иванова", "Сулейменов", "Петров", "Каримова", "Назарбеков", "Алиев", "Ковальчук"],
    "ar": ["Haddad", "Mansour", "Al-Amin", "Saleh", "Khoury", "Nasser", "Abdallah", "Said", "Farouk"],
    "zh": ["Wang", "Zhang", "Liu", "Chen", "Zhao"],
}
TRANSLIT = str.maketrans({"é": "e", "è": "e", "ï": "i", "í": "i", "á": "a", "ó": "o", "ú": "u", "ñ": "n", "ç": "c",
                          "ô": "o", "ë": "e", "-": ""})
RU_LATIN = {"Алексей": "aleksey", "Елена": "elena", "Сергей": "sergey", "Гульнара": "gulnara", "Нурлан": "nurlan",
            "Ирина": "irina", "Бахтияр": "bakhtiyar", "Ольга": "olga", "Тимур": "timur", "Айгуль": "aigul",
            "Ахметов": "akhmetov", "Иванова": "ivanova", "Сулейменов": "suleimenov", "Петров": "petrov",
            "Каримова": "karimova", "Назарбеков": "nazarbekov", "Алиев": "aliev", "Ковальчук": "kovalchuk"}
ORG_PHONE = {"UNODC": "43", "IAEA": "43", "OSCE": "43", "INTERPOL": "33", "OPCW": "31", "WCO": "32", "EU": "32",
             "ICAO": "1", "IMO": "44", "COMMONWEALTH": "44", "COE": "33", "AU": "251", "LAS": "20", "CIS": "7",
             "SADC": "267", "ECOWAS": "234", "PIF": "679", "APG": "61", "CFATF": "1", "ESAAMLG": "255",
             "MONEYVAL": "33", "CARICOM": "592", "JICA": "81", "APEC": "65", "CICTE": "1", "OAS": "1", "IMF": "1",
             "WB": "1", "UNDP": "1"}


def load_reference() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, Any]]]:
    with open(ROOT / "data" / "reference" / "states.csv", encoding="utf-8") as fh:
        states = {r["iso3"]: r for r in csv.DictReader(fh)}
    orgs = {o["id"]: o for o in json.loads((ROOT / "data" / "reference" / "organizations.json").read_text("utf-8"))}
    return states, orgs


def eligible(scope: dict[str, Any], iso3: str, states: dict[str, dict[str, str]], orgs: dict[str, Any]) -> bool:
    """Whether a programme's scope covers a state (direct memberships only, the strictest reading)."""
    if scope.get("global"):
        return True
    if "members_of" in scope:
        return any(iso3 in orgs[o]["members"] for o in scope["members_of"])
    if "states" in scope:
        return iso3 in scope["states"]
    row = states[iso3]
    return bool({row["region"], row["subregion"], row["intermediate_region"]} & set(scope["regions"]))


def state_name(iso3: str, lang: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    name = getattr(country, "common_name", None) or country.name
    if lang == "en":
        return name
    locale = {"zh": "zh_CN"}.get(lang, lang)
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale]).gettext(country.name)


def day(d: date) -> str:
    return d.isoformat()


def scope_phrase(scope: dict[str, Any]) -> str:
    if scope.get("global"):
        return "(worldwide)"
    if "members_of" in scope:
        return f"for {'/'.join(scope['members_of'])} members".replace("COMMONWEALTH", "Commonwealth")
    if "regions" in scope:
        return f"in {', '.join(scope['regions'])}"
    return "(bilateral)"


def make_programmes(rng: random.Random) -> list[dict[str, Any]]:
    programmes = []
    used: dict[tuple[str, str], int] = {}
    for provider, provider_text, specs in PROVIDERS:
        for areas, modality, scope, languages, lang, capacity in specs:
            variants = PROGRAMMES[areas[0]][lang]
            k = used.get((areas[0], lang), 0)
            used[(areas[0], lang)] = k + 1
            title, desc = variants[k % len(variants)]
            name = provider_text if lang == "en" else PROVIDER_LOCAL[(provider, lang)]
            slots = {"provider": name, "venue": VENUES[provider], "weeks": rng.choice([1, 2, 3]),
                     "participants": rng.choice([15, 20, 24, 25, 30])}
            desc = desc.format(**slots)
            desc = desc[0].upper() + desc[1:]
            if lang == "en":
                desc += f" {MODALITY_PHRASE[modality]}; offered in {', '.join(languages)}."
            if k >= len(variants):  # same wording used again: say whom this one is for
                title = f"{title} {scope_phrase(scope)}"
            start = rng.choice([date(2002, 1, 1), date(2002, 7, 1), date(2002, 10, 1), date(2003, 1, 1)])
            end = rng.choice([date(2003, 12, 31), date(2004, 6, 30), date(2004, 12, 31), None])
            programmes.append({
                "ref": "", "provider": provider, "title": title.format(**slots), "description": desc,
                "language": lang, "areas": areas, "scope": scope, "modality": modality, "languages": languages,
                "capacity_per_quarter": capacity, "active_from": day(start), "active_to": day(end) if end else None,
            })
    for i, p in enumerate(programmes, start=1):
        p["ref"] = f"DEMO-P{i:03d}"
    return programmes


def make_reports(rng: random.Random, demo_states: list[str]) -> list[dict[str, Any]]:
    reports = []
    numbers = {2001: 1200, 2002: 20, 2003: 10}
    rows = []
    for iso3 in demo_states:
        r1 = date(2001, 12, 27) + timedelta(days=rng.randint(-30, 200))
        rows.append((iso3, 1, date(2001, 12, 27), r1))
        due2 = r1 + timedelta(days=rng.randint(150, 260))
        r2 = due2 + timedelta(days=rng.randint(-20, 150)) if rng.random() < 0.88 else None
        rows.append((iso3, 2, due2, r2 if r2 and r2 <= END else None))
        if r2 and r2 <= date(2003, 2, 15):
            due3 = r2 + timedelta(days=rng.randint(120, 200))
            r3 = due3 + timedelta(days=rng.randint(-15, 60)) if rng.random() < 0.6 else None
            rows.append((iso3, 3, due3, r3 if r3 and r3 <= END else None))
    for iso3, rnd, due, received in sorted(rows, key=lambda r: (r[3] or date.max, r[0], r[1])):
        reference = ""
        if received:
            numbers[received.year] += rng.randint(1, 9)
            reference = f"S/{received.year}/{numbers[received.year]}"
        if received is None:
            status = "pending"
        elif received < date(2003, 3, 1):
            status = "reviewed"
        else:
            status = rng.choice(["under_review", "under_review", "reviewed", "pending"])
        reports.append({"state": iso3, "round": rnd, "due": day(due), "received": day(received) if received else None,
                        "review_status": status, "reference": reference})
    reports.sort(key=lambda r: (r["state"], r["round"]))
    return reports


LOWER_AFTER_COMMA = {"The", "Our", "A", "An", "We", "Passenger", "Several", "About", "Hold", "Explosives", "Informal",
                     "Police", "Le", "La", "Les", "Notre", "Nous", "Une", "Un", "Environ", "El", "Los", "Las",
                     "Solicitamos", "Pedimos", "Por", "Действующее", "Действующий", "Просим", "Национальный",
                     "Требуется", "Милиция", "На", "Координационный"}


def fill(template: str, slots: dict[str, Any]) -> str:
    return template.format(**slots)


def request_text(rng: random.Random, iso3: str, lang: str, area: str, report: str, only: int | None = None) -> tuple[str, str, int]:
    base = STATES[iso3]
    capital, airport, place = ALT_PLACES.get((iso3, lang), (base[1], base[2], base[3]))
    options = REQUESTS[area].get(lang) or REQUESTS[area]["en"]
    idx = rng.randrange(len(options)) if only is None else only
    title, desc = options[idx]
    slots = {"state": state_name(iso3, lang), "capital": capital, "airport": airport, "place": place,
             "agency": AGENCY[area][lang], "n": rng.choice([12, 15, 20, 25, 30, 40, 60, 80]),
             "m": rng.choice([2, 3, 4, 5, 6, 8, 12]), "k": rng.choice([3, 4, 5, 6, 7, 8, 9]),
             "month": rng.choice(MONTHS[lang]), "report": report}
    opener = rng.choice(OPENERS[lang]).format(**slots)
    closer = rng.choice(CLOSERS[lang]).format(**slots)
    body = fill(desc, slots)
    if opener.endswith((", ", "that ")) and body.split(" ", 1)[0] in LOWER_AFTER_COMMA:
        body = body[0].lower() + body[1:]
    elif not opener.endswith((", ", "that ", ": ")):
        body = body[0].upper() + body[1:]
    text = (opener + body + closer).strip()
    return fill(title, slots), text, idx


AREA_WEIGHTS = {"legislation": 16, "financing": 16, "customs": 8, "immigration": 10, "extradition": 8,
                "law-enforcement": 12, "arms": 6, "aviation": 7, "maritime": 6, "cbrn": 5, "other": 6}
SECOND_AREA = {"legislation": ["financing", "extradition", "cbrn"], "financing": ["legislation", "customs"],
               "customs": ["immigration", "arms"], "immigration": ["law-enforcement", "aviation"],
               "extradition": ["legislation"], "law-enforcement": ["immigration", "arms"], "arms": ["customs"],
               "aviation": ["immigration"], "maritime": ["customs"], "cbrn": ["customs"], "other": ["law-enforcement"]}
STAGE_OF = {"legislation": "A", "financing": "A", "customs": "B", "immigration": "B", "extradition": "B",
            "law-enforcement": "B", "arms": "C", "aviation": "C", "maritime": "C", "cbrn": "C", "other": "C"}
MORE_REQUESTS = {"KEN": 9, "KAZ": 8, "PER": 8, "MAR": 7, "PAK": 7, "SEN": 6, "CHN": 7}


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def submitted_date(rng: random.Random) -> date:
    if rng.random() < 0.1:
        return date(2003, 1, 13) + timedelta(days=rng.randint(0, 45))
    return date(2003, 3, 1) + timedelta(days=rng.randint(0, 118))


def candidates(req: dict[str, Any], programmes: list[dict[str, Any]], states: dict[str, Any], orgs: dict[str, Any],
               on: date) -> list[dict[str, Any]]:
    areas = set(req["_areas"])
    out = []
    for p in programmes:
        active = date.fromisoformat(p["active_from"]) <= on and (p["active_to"] is None or on <= date.fromisoformat(p["active_to"]))
        if (active and areas & set(p["areas"]) and req["language"] in p["languages"]
                and eligible(p["scope"], req["state"], states, orgs)):
            out.append(p)
    return out


def lifecycle(rng: random.Random, req: dict[str, Any], programmes: list[dict[str, Any]], states: dict[str, Any],
              orgs: dict[str, Any]) -> None:
    """Walks one request through triage, matching and delivery until END; records history and matches."""
    base = STATES[req["state"]]
    history = [{"status": "submitted", "at": req["submitted_at"]}]
    matches: list[dict[str, Any]] = []
    req.update(triage=None, history=history, matches=matches, status="submitted")
    t = date.fromisoformat(req["submitted_at"]) + timedelta(days=rng.randint(3, 21))
    if t > END:
        return
    if rng.random() < 0.05:
        req["status"] = "not_reasonable"
        req["triage"] = {"outcome": "not_reasonable", "reason": rng.choice(NOT_REASONABLE), "duplicate_of": None, "at": day(t)}
        history.append({"status": "not_reasonable", "at": day(t)})
        return
    req["triage"] = {"outcome": "reasonable", "reason": None, "duplicate_of": None, "at": day(t)}
    triaged = t
    req["status"] = "open"
    history.append({"status": "open", "at": day(t)})
    if rng.random() < 0.05:
        t2 = t + timedelta(days=rng.randint(5, 40))
        if t2 <= END:
            req["status"] = "withdrawn"
            history.append({"status": "withdrawn", "at": day(t2)})
        return
    offers_declined = 0
    while True:
        t = t + timedelta(days=rng.randint(4, 30))
        if t > END:
            return
        pool = [p for p in candidates(req, programmes, states, orgs, t) if p["ref"] not in {m["programme"] for m in matches}]
        if not pool or rng.random() < 0.2:  # nothing eligible yet, or not yet reviewed by the team
            if pool or (t - triaged).days < 50 or rng.random() < 0.6:
                continue
            req["status"] = "closed_unmet"
            history.append({"status": "closed_unmet", "at": day(t)})
            return
        rng.shuffle(pool)
        if len(pool) > 1 and rng.random() < 0.3:
            rejected = pool.pop()
            matches.append({"programme": rejected["ref"], "status": "rejected", "reason": rng.choice(REJECT_REASONS),
                            "decided_at": day(t), "delivery": None})
        chosen = pool[0]
        match = {"programme": chosen["ref"], "status": "accepted", "reason": None, "decided_at": day(t), "delivery": None}
        matches.append(match)
        req["status"] = "matched"
        history.append({"status": "matched", "at": day(t)})
        t = t + timedelta(days=rng.randint(5, 20))
        if t > END:
            return
        match.update(status="offered", decided_at=day(t))
        if offers_declined == 0 and rng.random() < 0.1:
            offers_declined += 1
            match.update(status="declined", reason=rng.choice(DECLINE_REASONS))
            req["status"] = "open"
            history.append({"status": "open", "at": day(t)})
            continue
        start = t + timedelta(days=rng.randint(7, 35))
        if start > END or rng.random() < 0.25:
            return
        slots = {"capital": base[1], "n": rng.choice([12, 18, 20, 25, 30]), "m": rng.choice([3, 5, 6, 10])}
        match.update(status="delivering", decided_at=day(start),
                     delivery={"started": day(start), "completed": None, "outcome": None,
                               "note": rng.choice(DELIVERING_NOTES).format(**slots)})
        req["status"] = "in_delivery"
        history.append({"status": "in_delivery", "at": day(start)})
        done = start + timedelta(days=rng.randint(5, 45))
        if done > END:
            return
        partial = rng.random() < 0.12
        match.update(status="delivered", decided_at=day(done))
        match["delivery"].update(completed=day(done), outcome="partial" if partial else "complete",
                                 note=(rng.choice(PARTIAL_NOTES) if partial else rng.choice(DELIVERY_NOTES)).format(**slots))
        req["status"] = "closed_unmet" if partial else "met"
        history.append({"status": req["status"], "at": day(done)})
        return


def make_requests(rng: random.Random, programmes: list[dict[str, Any]], reports: list[dict[str, Any]],
                  states: dict[str, Any], orgs: dict[str, Any]) -> list[dict[str, Any]]:
    received = {}
    for r in reports:
        if r["received"]:
            received.setdefault(r["state"], []).append((r["received"], r["reference"]))
    requests: list[dict[str, Any]] = []
    for iso3 in sorted(STATES):
        langs = STATES[iso3][0]
        for _ in range(MORE_REQUESTS.get(iso3, rng.randint(2, 5))):
            area = weighted(rng, AREA_WEIGHTS)
            lang = weighted(rng, langs)
            if lang not in REQUESTS[area]:
                area = rng.choice(["legislation", "financing", "law-enforcement", "immigration"])
            areas = [area]
            if rng.random() < 0.25:
                areas.append(rng.choice(SECOND_AREA[area]))
            submitted = submitted_date(rng)
            before = [ref for at, ref in sorted(received.get(iso3, [])) if at <= day(submitted)]
            report = before[-1] if before else ""
            title, description, idx = request_text(rng, iso3, lang, area, report or "S/2002/—")
            stage = STAGE_OF[area] if rng.random() < 0.85 else rng.choice("ABC")
            req = {"ref": "", "state": iso3, "title": title, "description": description, "language": lang,
                   "areas": [] if rng.random() < 0.08 else areas, "_areas": areas, "_idx": idx, "stage": stage,
                   "priority": None, "source_report": report, "submitted_at": day(submitted)}
            lifecycle(rng, req, programmes, states, orgs)
            requests.append(req)
    # Duplicates: the same need sent again in other words, triaged as a duplicate of the earlier one.
    originals = [r for r in requests if date.fromisoformat(r["submitted_at"]) < END - timedelta(days=30)]
    for orig in rng.sample(originals, 16):
        submitted = date.fromisoformat(orig["submitted_at"]) + timedelta(days=rng.randint(10, 28))
        triaged = submitted + timedelta(days=rng.randint(2, 8))
        if triaged > END:
            continue
        area = orig["_areas"][0]
        _, description, idx = request_text(rng, orig["state"], orig["language"], area, orig["source_report"] or "S/2002/—",
                                           only=orig["_idx"])
        prefix = rng.choice(DUPLICATE_PREFIX[orig["language"]])
        dup = {"ref": "", "state": orig["state"], "title": prefix + orig["title"], "description": description,
               "language": orig["language"], "areas": list(orig["areas"]), "_areas": orig["_areas"], "_idx": idx,
               "stage": orig["stage"], "priority": None, "source_report": orig["source_report"],
               "submitted_at": day(submitted), "status": "duplicate", "_dup_of": orig,
               "triage": {"outcome": "duplicate", "reason": "Same need as an earlier request of the state.",
                          "duplicate_of": None, "at": day(triaged)},
               "history": [{"status": "submitted", "at": day(submitted)}, {"status": "duplicate", "at": day(triaged)}],
               "matches": []}
        requests.append(dup)
    requests.sort(key=lambda r: (r["submitted_at"], r["state"], r["title"]))
    for i, r in enumerate(requests, start=1):
        r["ref"] = f"DEMO-R{i:04d}"
    for r in requests:
        if "_dup_of" in r:
            r["triage"]["duplicate_of"] = r["_dup_of"]["ref"]
            r["triage"]["reason"] = f"Same need as {r['_dup_of']['ref']} ({r['_dup_of']['title'][:60]})."
    # Priorities: a gap-free 1..n rank per state over its active requests (stage A first, then oldest),
    # with one pair swapped now and then where the state re-prioritised.
    by_state: dict[str, list[dict[str, Any]]] = {}
    for r in requests:
        if r["status"] in ACTIVE:
            by_state.setdefault(r["state"], []).append(r)
    for iso3 in sorted(by_state):
        rows = sorted(by_state[iso3], key=lambda r: (r["stage"], r["submitted_at"], r["ref"]))
        if len(rows) > 2 and rng.random() < 0.3:
            i = rng.randrange(len(rows) - 1)
            rows[i], rows[i + 1] = rows[i + 1], rows[i]
        for rank, r in enumerate(rows, start=1):
            r["priority"] = rank
    keys = ["ref", "state", "title", "description", "language", "areas", "stage", "priority", "source_report",
            "submitted_at", "status", "triage", "history", "matches"]
    return [{k: r[k] for k in keys} for r in requests]


def make_contacts(rng: random.Random, demo_states: list[str], providers: list[str], states: dict[str, Any]) -> list[dict[str, Any]]:
    contacts = []
    roles_state = ["CTC focal point, Ministry of Foreign Affairs", "Counter-terrorism coordinator, Ministry of Interior",
                   "Head of the Financial Intelligence Unit", "Legal adviser, Permanent Mission to the United Nations"]
    roles_org = ["Technical assistance coordinator", "Counter-terrorism programme officer", "Head of capacity building"]
    seen: set[str] = set()

    def person(lang: str, party: str) -> tuple[str, str]:
        first, last = rng.choice(FIRST_NAMES[lang]), rng.choice(LAST_NAMES[lang])
        local = f"{RU_LATIN.get(first, first)}.{RU_LATIN.get(last, last)}".lower().translate(TRANSLIT).replace("'", "")
        email = f"{local}.{party.lower()}@example.org"
        while email in seen:
            email = email.replace("@", "1@")
        seen.add(email)
        return f"{first} {last}", email

    for iso3 in demo_states:
        langs = sorted(STATES[iso3][0], key=lambda k: -STATES[iso3][0][k])
        for j in range(1 if rng.random() < 0.6 else 2):
            name, email = person(langs[0], iso3)
            contacts.append({"party": iso3, "name": name, "role": roles_state[j if j else rng.randrange(len(roles_state))],
                             "email": email, "phone": f"+{STATES[iso3][4]} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                             "languages": sorted(set(langs) | ({"en"} if rng.random() < 0.5 else set())),
                             "last_verified": day(date(2002, 9, 1) + timedelta(days=rng.randint(0, 300))),
                             "published": rng.random() < 0.85})
    for party in providers:
        lang = "en"
        name, email = person(lang, party)
        cc = ORG_PHONE.get(party) or next((STATES[p][4] for p in [party] if p in STATES), None) or {
            "USA": "1", "GBR": "44", "CAN": "1", "AUS": "61", "JPN": "81", "DEU": "49", "FRA": "33", "NLD": "31",
            "NOR": "47", "ESP": "34", "SWE": "46", "CHE": "41", "ITA": "39", "RUS": "7", "NZL": "64"}.get(party, "1")
        contacts.append({"party": party, "name": name, "role": rng.choice(roles_org), "email": email,
                         "phone": f"+{cc} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                         "languages": ["en"] + (["fr"] if rng.random() < 0.4 else []),
                         "last_verified": day(date(2002, 11, 1) + timedelta(days=rng.randint(0, 230))),
                         "published": True})
    return contacts


DIRECTORY = [
    ("standard", "FATF Forty Recommendations on Money Laundering (revised June 2003)", "FATF", ["financing"], 2003,
     "https://www.fatf-gafi.org/en/publications/Fatfrecommendations/Fatf-recommendations.html",
     "The international standard on anti-money laundering, revised in June 2003 to cover customer due diligence, "
     "politically exposed persons, designated non-financial businesses and professions, and FIUs."),
    ("standard", "FATF Eight Special Recommendations on Terrorist Financing", "FATF", ["financing"], 2001,
     "https://www.fatf-gafi.org/",
     "Adopted in October 2001: ratify the 1999 Financing Convention, criminalise terrorist financing, freeze assets, "
     "report suspicious transactions, international cooperation, alternative remittance, wire transfers, non-profits."),
    ("best_practice", "FATF Guidance for Financial Institutions in Detecting Terrorist Financing", "FATF", ["financing"], 2002,
     None, "Characteristics of financial transactions that may be linked to terrorist financing, with case examples."),
    ("model_law", "Commonwealth Model Legislative Provisions on Measures to Combat Terrorism", "COMMONWEALTH",
     ["legislation", "financing", "extradition"], 2002, "https://thecommonwealth.org/",
     "Model provisions for common-law jurisdictions implementing resolution 1373 and the universal instruments."),
    ("best_practice", "Commonwealth Implementation Kits for the International Counter-Terrorism Conventions",
     "COMMONWEALTH", ["legislation"], 2002, None,
     "Kits explaining each universal convention with drafting notes and model clauses."),
    ("model_law", "Model Law on Money Laundering, Proceeds of Crime and the Financing of Terrorism", "UNODC",
     ["financing", "legislation"], 2003, "https://www.unodc.org/",
     "Model legislation prepared with the IMF for common-law legal systems, including terrorist-financing offences "
     "and freezing mechanisms."),
    ("best_practice", "Legislative Guide to the Universal Anti-Terrorism Conventions and Protocols", "UNODC",
     ["legislation"], 2003, "https://www.unodc.org/",
     "Guide for legislators on incorporating the universal instruments into national law."),
    ("model_law", "Model Treaty on Extradition (General Assembly resolution 45/116)", "UN", ["extradition"], 1990,
     "https://www.un.org/", "Model bilateral extradition treaty adopted by the General Assembly."),
    ("model_law", "Model Treaty on Mutual Assistance in Criminal Matters (General Assembly resolution 45/117)", "UN",
     ["extradition"], 1990, "https://www.un.org/", "Model bilateral treaty on mutual legal assistance."),
    ("standard", "ICAO Annex 17 to the Chicago Convention: Security", "ICAO", ["aviation"], 2002,
     "https://www.icao.int/", "Standards and recommended practices for safeguarding civil aviation against acts of "
     "unlawful interference (seventh edition, 2002)."),
    ("standard", "ICAO Document 9303: Machine Readable Travel Documents", "ICAO", ["immigration", "aviation"], 2003,
     "https://www.icao.int/", "Specifications for machine-readable passports, visas and official travel documents."),
    ("standard", "International Ship and Port Facility Security (ISPS) Code", "IMO", ["maritime"], 2002,
     "https://www.imo.org/", "Adopted in December 2002 under SOLAS chapter XI-2; in force from 1 July 2004."),
    ("standard", "Convention for the Suppression of Unlawful Acts against the Safety of Maritime Navigation (SUA, 1988)",
     "IMO", ["maritime", "legislation"], 1988, "https://www.imo.org/", "Universal instrument on offences against ships."),
    ("standard", "Code of Conduct on the Safety and Security of Radioactive Sources", "IAEA", ["cbrn"], 2003,
     "https://www.iaea.org/", "Guidance for states on registers, regulatory control and security of radioactive sources."),
    ("standard", "Convention on the Physical Protection of Nuclear Material", "IAEA", ["cbrn", "legislation"], 1980,
     "https://www.iaea.org/", "Universal instrument on the protection of nuclear material in international transport."),
    ("best_practice", "Chemical Weapons Convention: national implementation measures (Article VII)", "OPCW",
     ["cbrn", "legislation"], 2003, "https://www.opcw.org/", "Guidance and checklists for implementing legislation and "
     "national authorities."),
    ("standard", "Revised Kyoto Convention on the Simplification and Harmonization of Customs Procedures", "WCO",
     ["customs"], 1999, "https://www.wcoomd.org/", "Customs procedures standard, including risk management."),
    ("standard", "WCO Resolution on Security and Facilitation of the International Trade Supply Chain", "WCO",
     ["customs"], 2002, "https://www.wcoomd.org/", "Adopted in June 2002: advance cargo information, risk assessment "
     "and container security."),
    ("regional_action_plan", "OSCE Bucharest Plan of Action for Combating Terrorism", "OSCE",
     ["legislation", "law-enforcement", "immigration", "financing"], 2001, "https://www.osce.org/",
     "Commitments of the participating States adopted in December 2001, with 2003/2004 activities."),
    ("regional_action_plan", "OSCE Bishkek Programme of Action", "OSCE", ["law-enforcement", "other"], 2001,
     "https://www.osce.org/", "Outcome of the Bishkek conference on security in Central Asia (December 2001)."),
    ("regional_action_plan", "AU Plan of Action on the Prevention and Combating of Terrorism in Africa", "AU",
     ["legislation", "law-enforcement", "immigration", "financing"], 2002, "https://au.int/",
     "Adopted in Algiers in September 2002 to implement the 1999 OAU Convention."),
    ("regional_action_plan", "EU Plan of Action on Combating Terrorism", "EU", ["law-enforcement", "extradition",
     "financing"], 2001, None, "Plan adopted by the European Council in September 2001 (European arrest warrant, "
     "joint investigation teams, asset freezing)."),
    ("regional_action_plan", "Inter-American Convention against Terrorism and CICTE Work Plan 2003", "CICTE",
     ["legislation", "immigration", "financing", "aviation", "maritime"], 2003, "https://www.oas.org/",
     "Convention adopted in June 2002 and CICTE's work plan on border controls and financial controls."),
    ("best_practice", "Council of Europe Guidelines on Human Rights and the Fight against Terrorism", "COE",
     ["other"], 2002, "https://www.coe.int/", "Guidelines adopted by the Committee of Ministers in July 2002."),
    ("standard", "European Convention on Extradition", "COE", ["extradition"], 1957, "https://www.coe.int/",
     "Multilateral extradition treaty of the Council of Europe."),
    ("regional_action_plan", "ECOWAS Moratorium on the Importation, Exportation and Manufacture of Light Weapons",
     "ECOWAS", ["arms"], 1998, None, "Regional moratorium and its plan of action (PCASED)."),
    ("best_practice", "Programme of Action on Small Arms and Light Weapons in All Its Aspects", "UN", ["arms"], 2001,
     "https://www.un.org/", "UN programme of action on marking, record-keeping, stockpiles and brokering."),
    ("standard", "Methodology for Assessing Compliance with the AML/CFT Standards", "IMF", ["financing"], 2002,
     "https://www.imf.org/", "Joint IMF-World Bank-FATF methodology used in assessments from 2002."),
    ("regional_action_plan", "APEC Leaders' Statement on Counter-Terrorism and the STAR initiative", "APEC",
     ["aviation", "maritime", "customs"], 2002, None, "Secure Trade in the APEC Region: containers, ships, aviation "
     "and travellers."),
    ("regional_action_plan", "ASEAN Declaration on Joint Action to Counter Terrorism", "ASEAN",
     ["law-enforcement", "extradition"], 2001, None, "Adopted in Bandar Seri Begawan in November 2001."),
    ("standard", "Arab Convention for the Suppression of Terrorism", "LAS", ["legislation", "extradition"], 1998,
     None, "Regional convention of the League of Arab States, with provisions on extradition and judicial cooperation."),
    ("regional_action_plan", "Nasonini Declaration on Regional Security", "PIF", ["legislation", "law-enforcement"],
     2002, None, "Pacific Islands Forum leaders' commitment to counter-terrorism legislation and cooperation."),
]

USERS = [
    ("team", "ta", None, "Technical Assistance Team"),
    ("unodc", "provider", "UNODC", "UNODC Terrorism Prevention Branch"),
    ("osce", "provider", "OSCE", "OSCE Action against Terrorism Unit"),
    ("gbr", "provider", "GBR", "United Kingdom, counter-terrorism assistance"),
    ("icao", "provider", "ICAO", "ICAO Aviation Security"),
    ("ken", "state", "KEN", "Kenya, CTC focal point"),
    ("kaz", "state", "KAZ", "Kazakhstan, CTC focal point"),
    ("per", "state", "PER", "Peru, CTC focal point"),
    ("mar", "state", "MAR", "Morocco, CTC focal point"),
]


def write(name: str, rows: list[dict[str, Any]]) -> None:
    with open(OUT / name, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    rng = random.Random(SEED)
    states, orgs = load_reference()
    OUT.mkdir(parents=True, exist_ok=True)
    programmes = make_programmes(rng)
    demo_states = sorted(STATES)
    reports = make_reports(rng, demo_states)
    requests = make_requests(rng, programmes, reports, states, orgs)
    providers = sorted({p["provider"] for p in programmes})
    contacts = make_contacts(rng, demo_states, providers, states)
    directory = [
        {"ref": f"DEMO-D{i:03d}", "kind": kind, "title": title, "summary": summary, "source": source, "areas": areas,
         "url": url, "year": year}
        for i, (kind, title, source, areas, year, url, summary) in enumerate(DIRECTORY, start=1)
    ]
    users = [{"username": u, "password": f"demo-{u}", "role": role, "party": party, "display_name": name}
             for u, role, party, name in USERS]
    write("programmes.json", programmes)
    write("requests.json", requests)
    write("reports.json", reports)
    write("contacts.json", contacts)
    write("directory.json", directory)
    write("users.json", users)


if __name__ == "__main__":
    main()
