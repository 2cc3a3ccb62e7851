# ruff: noqa: E501  (long multilingual alias strings and member lists read better on one line)
"""Regenerate data/reference/states.csv and organizations.json from maintained packages.

Sources: country_converter's bundled country_data.tsv (UN membership and admission year,
M49 finest region, EU/OECD/APEC/CIS/CoE/G7 membership), pycountry (ISO 3166 names),
worldcountrygroups (regional bodies, corrected by data/reference/membership_corrections.json)
and the curated lists below (FATF and FATF-style regional bodies, near-universal bodies).
Run with the `refdata` extra and worldcountrygroups installed:

    pip install -e '.[refdata]' 'worldcountrygroups==0.5.0' && python scripts/build_reference_data.py

The output is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

import country_converter as coco
import pandas as pd
import pycountry

OUT = Path(__file__).resolve().parents[1] / "data" / "reference"

# UN M49's fixed hierarchy above country_converter's finest level (UNregion).
INTERMEDIATE_TO_SUBREGION = {
    "Caribbean": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
    "Eastern Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
}
SUBREGION_TO_REGION = {
    "Northern Africa": "Africa",
    "Sub-Saharan Africa": "Africa",
    "Latin America and the Caribbean": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
# The two non-member observer states of the General Assembly.
OBSERVER_STATES = {"VAT", "PSE"}


def build_states() -> list[dict[str, str]]:
    table = pd.read_csv(
        os.path.join(os.path.dirname(coco.__file__), "country_data.tsv"), sep="\t", keep_default_na=False
    )
    rows = []
    for rec in table.to_dict("records"):
        iso3 = rec["ISO3"]
        if not (rec["UNmember"] or iso3 in OBSERVER_STATES):
            continue
        finest = rec["UNregion"]
        subregion = INTERMEDIATE_TO_SUBREGION.get(finest, finest)
        country = pycountry.countries.get(alpha_3=iso3)
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,  # country_converter holds regexes for a few (GB|UK)
                "m49": f"{int(rec['UNcode']):03d}",
                "name": rec["name_short"],
                "official_name": getattr(country, "official_name", None) or country.name,
                "un_member": "1" if rec["UNmember"] else "0",
                "un_admission_year": str(rec["UNmember"]),
                "region": SUBREGION_TO_REGION[subregion],
                "subregion": subregion,
                "intermediate_region": finest if finest in INTERMEDIATE_TO_SUBREGION else "",
            }
        )
    rows.sort(key=lambda r: r["iso3"])
    return rows


# --------------------------------------------------------------------------------------------
# Organizations (data/reference/organizations.json)
# --------------------------------------------------------------------------------------------
#
# Member lists come from three kinds of source, named in each record's `source`:
#   * country_converter's bundled country_data.tsv (EU, OECD, APEC, CIS, CoE, G7 columns);
#   * worldcountrygroups' bundled group files (regional and subregional bodies), with the
#     cited corrections of data/reference/membership_corrections.json applied;
#   * curated lists below, taken from the bodies' official member pages (FATF and the
#     FATF-style regional bodies, which no package carries) or stated as "all states except"
#     for the near-universal bodies. `members_as_of` is the date those lists describe.
#
# Only states of states.csv appear in `members`: territories and other non-state members
# (Hong Kong, China; Montserrat; Cook Islands; …) must be declared in the corrections file
# under non_state_members, otherwise the build stops.

CURATED_AS_OF = "2025-06-30"

# Member spec kinds: ("coco", column) · ("wcg", group id) · ("un_members", [except]) ·
# ("all_states", [except]) (UN members and the two observer states) · ("list", [codes]) ·
# ("same_as", org id).
ORGANIZATIONS: list[dict[str, Any]] = [
    # ---- United Nations system ---------------------------------------------------------
    {
        "id": "UN", "name": "United Nations", "kind": "international", "acronym": "UN",
        "aliases": ["United Nations", "UNO", "Nations Unies", "ONU", "Naciones Unidas",
                    "Организация Объединённых Наций", "ООН", "الأمم المتحدة", "联合国"],
        "members": ("un_members", []), "source_note": "UN member states (193)",
    },
    {
        "id": "CTC", "name": "Counter-Terrorism Committee of the Security Council", "kind": "international",
        "acronym": "CTC", "parent": "UN",
        "aliases": ["Counter-Terrorism Committee", "Security Council Counter-Terrorism Committee",
                    "Committee established pursuant to resolution 1373 (2001)",
                    "Comité contre le terrorisme", "Comité contra el Terrorismo",
                    "Контртеррористический комитет", "لجنة مكافحة الإرهاب", "反恐怖主义委员会", "反恐委员会"],
        # Security Council membership in the source's period (S/2003/387): P5 + elected members.
        "members": ("list", ["CHN", "FRA", "GBR", "RUS", "USA", "BGR", "CMR", "GIN", "MEX", "SYR",
                             "AGO", "CHL", "DEU", "PAK", "ESP"]),
        "as_of": "2003-01-01",
        "source_note": "Security Council membership in 2003 (the CTC is a committee of the whole Council): "
        "UN Security Council, 'Countries elected members of the Security Council'",
    },
    {
        "id": "UNODC", "name": "United Nations Office on Drugs and Crime", "kind": "international",
        "acronym": "UNODC", "parent": "UN",
        "aliases": ["UN Office on Drugs and Crime", "UNODC Terrorism Prevention Branch",
                    "Office for Drug Control and Crime Prevention", "ODCCP",
                    "Office des Nations Unies contre la drogue et le crime", "ONUDC",
                    "Oficina de las Naciones Unidas contra la Droga y el Delito",
                    "Управление Организации Объединённых Наций по наркотикам и преступности", "УНП ООН",
                    "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "联合国毒品和犯罪问题办公室"],
        "members": ("un_members", []), "source_note": "UN member states (UNODC serves all of them)",
    },
    {
        "id": "UNDP", "name": "United Nations Development Programme", "kind": "international",
        "acronym": "UNDP", "parent": "UN",
        "aliases": ["Programme des Nations Unies pour le développement", "PNUD",
                    "Programa de las Naciones Unidas para el Desarrollo",
                    "Программа развития Организации Объединённых Наций", "ПРООН",
                    "برنامج الأمم المتحدة الإنمائي", "联合国开发计划署"],
        "members": ("un_members", []), "source_note": "UN member states (UNDP serves all of them)",
    },
    {
        "id": "IMF", "name": "International Monetary Fund", "kind": "specialised_agency", "acronym": "IMF",
        "parent": "UN",
        "aliases": ["Fonds monétaire international", "FMI", "Fondo Monetario Internacional",
                    "Международный валютный фонд", "МВФ", "صندوق النقد الدولي", "国际货币基金组织"],
        # 191 members: every UN member except Cuba, DPR Korea and Monaco, plus Kosovo (not a state here).
        "members": ("un_members", ["CUB", "PRK", "MCO"]),
        "source_note": "IMF, 'List of Members' (Liechtenstein joined 2024-10-21 as the 191st member)",
    },
    {
        "id": "WB", "name": "World Bank", "kind": "specialised_agency", "acronym": "WB", "parent": "UN",
        "aliases": ["World Bank Group", "International Bank for Reconstruction and Development", "IBRD",
                    "Banque mondiale", "BIRD", "Banco Mundial", "BIRF", "Всемирный банк", "МБРР",
                    "البنك الدولي", "世界银行"],
        # IBRD: 189 members = UN members except Andorra, Cuba, DPR Korea, Liechtenstein, Monaco, plus Kosovo.
        "members": ("un_members", ["AND", "CUB", "PRK", "LIE", "MCO"]),
        "source_note": "World Bank, 'Member Countries' (IBRD, 189 members)",
    },
    {
        "id": "IAEA", "name": "International Atomic Energy Agency", "kind": "specialised_agency",
        "acronym": "IAEA", "parent": "UN",
        "aliases": ["Agence internationale de l'énergie atomique", "AIEA",
                    "Organismo Internacional de Energía Atómica", "OIEA",
                    "Международное агентство по атомной энергии", "МАГАТЭ",
                    "الوكالة الدولية للطاقة الذرية", "国际原子能机构"],
        "members": ("all_states", ["PRK", "PSE", "BTN", "GNQ", "GIN", "GNB", "KIR", "MDV", "FSM", "NRU",
                                   "STP", "SLB", "SSD", "TLS", "TUV"]),
        "source_note": "IAEA, 'List of Member States' (Holy See is a member; Palestine an observer)",
    },
    {
        "id": "OPCW", "name": "Organisation for the Prohibition of Chemical Weapons", "kind": "international",
        "acronym": "OPCW",
        "aliases": ["Organisation pour l'interdiction des armes chimiques", "OIAC",
                    "Organización para la Prohibición de las Armas Químicas", "OPAQ",
                    "Организация по запрещению химического оружия", "ОЗХО",
                    "منظمة حظر الأسلحة الكيميائية", "禁止化学武器组织"],
        "members": ("all_states", ["EGY", "ISR", "PRK"]),
        "source_note": "OPCW, 'Member States' (States Parties to the CWC; South Sudan acceded 2024; "
        "Israel signed but has not ratified)",
    },
    {
        "id": "WCO", "name": "World Customs Organization", "kind": "international", "acronym": "WCO",
        "aliases": ["Customs Co-operation Council", "CCC", "Organisation mondiale des douanes", "OMD",
                    "Organización Mundial de Aduanas", "OMA", "Всемирная таможенная организация", "ВТамО",
                    "منظمة الجمارك العالمية", "世界海关组织"],
        "member_organizations": ["EU"],
        "members": ("all_states", ["VAT", "ATG", "KNA", "VCT", "GRD", "DMA", "SUR", "GNQ", "LIE", "MCO",
                                   "SMR", "PRK", "PLW", "SLB", "FSM", "KIR", "MHL", "TUV", "NRU"]),
        "source_note": "WCO, 'Membership' (186 members incl. Palestine, Kosovo and customs territories; "
        "the EU has a status akin to membership)",
    },
    {
        "id": "INTERPOL", "name": "International Criminal Police Organization", "kind": "international",
        "acronym": "INTERPOL",
        "aliases": ["ICPO-INTERPOL", "Interpol", "ICPO", "Organisation internationale de police criminelle",
                    "OIPC-INTERPOL", "Organización Internacional de Policía Criminal", "OIPC",
                    "Международная организация уголовной полиции", "Интерпол",
                    "المنظمة الدولية للشرطة الجنائية", "الإنتربول", "国际刑事警察组织", "国际刑警组织"],
        "members": ("all_states", ["PRK", "FSM", "TUV"]),
        "source_note": "INTERPOL, 'Member countries' (196; Palau joined 2023)",
    },
    {
        "id": "ICAO", "name": "International Civil Aviation Organization", "kind": "specialised_agency",
        "acronym": "ICAO", "parent": "UN",
        "aliases": ["Organisation de l'aviation civile internationale", "OACI",
                    "Organización de Aviación Civil Internacional", "Международная организация гражданской авиации",
                    "ИКАО", "منظمة الطيران المدني الدولي", "国际民用航空组织", "国际民航组织"],
        "members": ("un_members", ["LIE"]),
        "source_note": "ICAO, 'Member States' (193 Contracting States to the Chicago Convention: "
        "UN members except Liechtenstein, plus the Cook Islands)",
    },
    {
        "id": "IMO", "name": "International Maritime Organization", "kind": "specialised_agency",
        "acronym": "IMO", "parent": "UN",
        "aliases": ["Organisation maritime internationale", "OMI", "Organización Marítima Internacional",
                    "Международная морская организация", "ИМО", "المنظمة البحرية الدولية", "国际海事组织"],
        "members": ("un_members", ["AFG", "AND", "BTN", "BWA", "BFA", "BDI", "CAF", "TCD", "KGZ", "LAO",
                                   "LSO", "MLI", "FSM", "NER", "RWA", "SSD", "TJK"]),
        "source_note": "IMO, 'List of IMO Member States' (176 Member States, three Associate Members)",
    },
    # ---- Regional and subregional bodies --------------------------------------------------
    {
        "id": "AU", "name": "African Union", "kind": "regional", "acronym": "AU",
        "aliases": ["Union africaine", "UA", "Unión Africana", "Африканский союз", "الاتحاد الأفريقي",
                    "非洲联盟", "非盟", "Organisation of African Unity", "OAU", "OUA"],
        "members": ("wcg", "au"), "source_note": "African Union, 'Member States'",
    },
    {
        "id": "OAS", "name": "Organization of American States", "kind": "regional", "acronym": "OAS",
        "aliases": ["Organisation des États américains", "OEA", "Organización de los Estados Americanos",
                    "Organização dos Estados Americanos", "Организация американских государств", "ОАГ",
                    "منظمة الدول الأمريكية", "美洲国家组织"],
        "members": ("wcg", "oas"), "source_note": "OAS, 'Member States'",
    },
    {
        "id": "CICTE", "name": "Inter-American Committee against Terrorism", "kind": "regional",
        "acronym": "CICTE", "parent": "OAS",
        "aliases": ["Comité Interamericano contra el Terrorismo", "Comité interaméricain contre le terrorisme",
                    "Comitê Interamericano contra o Terrorismo", "Межамериканский комитет по борьбе с терроризмом",
                    "OAS/CICTE", "美洲反恐怖主义委员会"],
        "members": ("same_as", "OAS"), "source_note": "CICTE is composed of all OAS member states (OAS, 'Member States')",
    },
    {
        "id": "OSCE", "name": "Organization for Security and Co-operation in Europe", "kind": "regional",
        "acronym": "OSCE",
        "aliases": ["Organisation pour la sécurité et la coopération en Europe",
                    "Organización para la Seguridad y la Cooperación en Europa", "OSZE",
                    "Организация по безопасности и сотрудничеству в Европе", "ОБСЕ",
                    "منظمة الأمن والتعاون في أوروبا", "欧洲安全与合作组织", "欧安组织"],
        "members": ("wcg", "osce"), "source_note": "OSCE, 'Participating States' (57)",
    },
    {
        "id": "EU", "name": "European Union", "kind": "regional", "acronym": "EU",
        "aliases": ["European Commission", "European Community", "Union européenne", "UE", "Unión Europea",
                    "Европейский союз", "ЕС", "الاتحاد الأوروبي", "欧洲联盟", "欧盟"],
        "members": ("coco", "EU"), "source_note": "European Union, 'EU countries'",
    },
    {
        "id": "EUROPOL", "name": "European Union Agency for Law Enforcement Cooperation", "kind": "regional",
        "acronym": "Europol", "parent": "EU",
        "aliases": ["Europol", "European Police Office", "Office européen de police", "Oficina Europea de Policía",
                    "Европол", "اليوروبول", "欧洲刑警组织"],
        "members": ("coco", "EU"), "source_note": "Europol's members are the EU member states (EU, 'EU countries')",
    },
    {
        "id": "COE", "name": "Council of Europe", "kind": "regional", "acronym": "CoE",
        "aliases": ["CoE", "Conseil de l'Europe", "Consejo de Europa", "Совет Европы", "مجلس أوروبا",
                    "欧洲委员会"],
        "members": ("coco", "CoE"), "source_note": "Council of Europe, '46 Member States' (Russia expelled 2022-03-16)",
    },
    {
        "id": "COMMONWEALTH", "name": "The Commonwealth", "kind": "international", "acronym": "Commonwealth",
        "aliases": ["Commonwealth of Nations", "Commonwealth Secretariat", "ComSec",
                    "Commonwealth des nations", "Mancomunidad de Naciones", "Содружество наций",
                    "الكومنولث", "英联邦"],
        "members": ("wcg", "cw"), "source_note": "Commonwealth Secretariat, 'Member countries' (56)",
    },
    {
        "id": "LAS", "name": "League of Arab States", "kind": "regional", "acronym": "LAS",
        "aliases": ["Arab League", "جامعة الدول العربية", "الجامعة العربية", "Ligue des États arabes",
                    "Liga de los Estados Árabes", "Лига арабских государств", "阿拉伯国家联盟", "阿盟"],
        "members": ("wcg", "las"), "source_note": "League of Arab States, member states (22; Syria readmitted 2023)",
    },
    {
        "id": "OIC", "name": "Organisation of Islamic Cooperation", "kind": "international", "acronym": "OIC",
        "aliases": ["Organisation of the Islamic Conference", "منظمة التعاون الإسلامي", "منظمة المؤتمر الإسلامي",
                    "Organisation de la coopération islamique", "OCI", "Organización de Cooperación Islámica",
                    "Организация исламского сотрудничества", "ОИС", "伊斯兰合作组织", "伊斯兰会议组织"],
        "members": ("wcg", "oic"), "source_note": "OIC, 'Member States' (57)",
    },
    {
        "id": "ASEAN", "name": "Association of Southeast Asian Nations", "kind": "regional", "acronym": "ASEAN",
        "aliases": ["Association des nations de l'Asie du Sud-Est", "ANASE",
                    "Asociación de Naciones del Sudeste Asiático", "Ассоциация государств Юго-Восточной Азии",
                    "АСЕАН", "رابطة دول جنوب شرق آسيا", "东南亚国家联盟", "东盟"],
        "members": ("wcg", "asean"), "as_of": "2025-10-26", "source_note": "ASEAN Secretariat, 'Member States'",
    },
    {
        "id": "APEC", "name": "Asia-Pacific Economic Cooperation", "kind": "regional", "acronym": "APEC",
        "aliases": ["Coopération économique pour l'Asie-Pacifique", "Foro de Cooperación Económica Asia-Pacífico",
                    "Азиатско-Тихоокеанское экономическое сотрудничество", "АТЭС",
                    "منتدى التعاون الاقتصادي لآسيا والمحيط الهادئ", "亚太经济合作组织", "亚太经合组织"],
        "members": ("coco", "APEC"),
        "source_note": "APEC, 'Member Economies' (21; Hong Kong, China and Chinese Taipei are not states here)",
    },
    {
        "id": "SADC", "name": "Southern African Development Community", "kind": "subregional", "acronym": "SADC",
        "aliases": ["Communauté de développement d'Afrique australe", "Comunidad de Desarrollo de África Austral",
                    "Comunidade de Desenvolvimento da África Austral", "Сообщество развития Юга Африки", "САДК",
                    "مجموعة تنمية الجنوب الأفريقي", "南部非洲发展共同体"],
        "members": ("wcg", "sadc"), "source_note": "SADC, 'Member States' (16)",
    },
    {
        "id": "ECOWAS", "name": "Economic Community of West African States", "kind": "subregional",
        "acronym": "ECOWAS",
        "aliases": ["Communauté économique des États de l'Afrique de l'Ouest", "CEDEAO",
                    "Comunidad Económica de los Estados de África Occidental",
                    "Экономическое сообщество западноафриканских государств", "ЭКОВАС",
                    "الجماعة الاقتصادية لدول غرب أفريقيا", "西非国家经济共同体", "西共体"],
        "members": ("wcg", "ecowas"), "source_note": "ECOWAS Commission, 'Member States' (12 since 2025-01-29)",
    },
    {
        "id": "IGAD", "name": "Intergovernmental Authority on Development", "kind": "subregional", "acronym": "IGAD",
        "aliases": ["Autorité intergouvernementale pour le développement", "Межправительственный орган по развитию",
                    "الهيئة الحكومية الدولية المعنية بالتنمية", "政府间发展管理局",
                    "Intergovernmental Authority on Drought and Development", "IGADD"],
        "members": ("wcg", "igad"), "source_note": "IGAD, 'Member States' (8)",
    },
    {
        "id": "CARICOM", "name": "Caribbean Community", "kind": "subregional", "acronym": "CARICOM",
        "aliases": ["Communauté des Caraïbes", "Comunidad del Caribe", "Карибское сообщество", "الجماعة الكاريبية",
                    "加勒比共同体"],
        "members": ("wcg", "caricom"), "source_note": "CARICOM Secretariat, 'Member States and Associate Members'",
    },
    {
        "id": "PIF", "name": "Pacific Islands Forum", "kind": "regional", "acronym": "PIF",
        "aliases": ["South Pacific Forum", "Forum des îles du Pacifique", "Foro de las Islas del Pacífico",
                    "Форум тихоокеанских островов", "منتدى جزر المحيط الهادئ", "太平洋岛国论坛"],
        "members": ("wcg", "pif"), "source_note": "Pacific Islands Forum Secretariat, 'Our Members' (18)",
    },
    {
        "id": "SCO", "name": "Shanghai Cooperation Organisation", "kind": "regional", "acronym": "SCO",
        "aliases": ["Шанхайская организация сотрудничества", "ШОС", "上海合作组织", "上合组织",
                    "Organisation de coopération de Shanghai", "OCS", "Organización de Cooperación de Shanghái",
                    "منظمة شنغهاي للتعاون", "SCO RATS", "Regional Anti-Terrorist Structure"],
        "members": ("wcg", "sco"), "source_note": "SCO Secretariat, member states (10; Belarus joined 2024)",
    },
    {
        "id": "CIS", "name": "Commonwealth of Independent States", "kind": "regional", "acronym": "CIS",
        "aliases": ["Содружество Независимых Государств", "СНГ", "Communauté des États indépendants", "CEI",
                    "Comunidad de Estados Independientes", "رابطة الدول المستقلة", "独立国家联合体", "独联体",
                    "CIS Anti-Terrorism Center", "Антитеррористический центр СНГ", "АТЦ СНГ"],
        "members": ("coco", "CIS"), "source_note": "CIS Executive Committee, member states",
    },
    {
        "id": "GCC", "name": "Cooperation Council for the Arab States of the Gulf", "kind": "subregional",
        "acronym": "GCC",
        "aliases": ["Gulf Cooperation Council", "مجلس التعاون لدول الخليج العربية", "مجلس التعاون الخليجي",
                    "Conseil de coopération du Golfe", "CCG", "Consejo de Cooperación del Golfo",
                    "Совет сотрудничества арабских государств Персидского залива", "ССАГПЗ",
                    "海湾阿拉伯国家合作委员会", "海合会"],
        "members": ("wcg", "gcc"), "source_note": "GCC Secretariat General, member states (6)",
    },
    {
        "id": "OECD", "name": "Organisation for Economic Co-operation and Development", "kind": "international",
        "acronym": "OECD",
        "aliases": ["Organisation de coopération et de développement économiques", "OCDE",
                    "Organización para la Cooperación y el Desarrollo Económicos",
                    "Организация экономического сотрудничества и развития", "ОЭСР",
                    "منظمة التعاون والتنمية في الميدان الاقتصادي", "经济合作与发展组织", "经合组织",
                    "OECD Development Assistance Committee", "OECD/DAC"],
        "members": ("coco", "OECD"), "source_note": "OECD, 'Members and partners' (38)",
    },
    {
        "id": "NATO", "name": "North Atlantic Treaty Organization", "kind": "regional", "acronym": "NATO",
        "aliases": ["Organisation du Traité de l'Atlantique Nord", "OTAN", "Organización del Tratado del Atlántico Norte",
                    "Организация Североатлантического договора", "НАТО", "حلف شمال الأطلسي", "北大西洋公约组织", "北约"],
        "members": ("wcg", "nato"), "source_note": "NATO, 'Member countries' (32)",
    },
    {
        "id": "SAARC", "name": "South Asian Association for Regional Cooperation", "kind": "subregional",
        "acronym": "SAARC",
        "aliases": ["Association sud-asiatique pour la coopération régionale", "Asociación del Asia Meridional para la "
                    "Cooperación Regional", "Ассоциация регионального сотрудничества Южной Азии", "СААРК",
                    "رابطة جنوب آسيا للتعاون الإقليمي", "南亚区域合作联盟", "南盟"],
        "members": ("wcg", "saarc"), "source_note": "SAARC Secretariat, member states (8)",
    },
    {
        "id": "EAC", "name": "East African Community", "kind": "subregional", "acronym": "EAC",
        "aliases": ["Communauté d'Afrique de l'Est", "Comunidad de África Oriental", "Jumuiya ya Afrika Mashariki",
                    "Восточноафриканское сообщество", "جماعة شرق أفريقيا", "东非共同体"],
        "members": ("wcg", "eac"), "source_note": "East African Community, 'Partner States' (8)",
    },
    {
        "id": "COMESA", "name": "Common Market for Eastern and Southern Africa", "kind": "subregional",
        "acronym": "COMESA",
        "aliases": ["Marché commun de l'Afrique orientale et australe", "Mercado Común de África Oriental y Austral",
                    "Общий рынок Восточной и Южной Африки", "السوق المشتركة لشرق وجنوب أفريقيا", "东南非共同市场"],
        "members": ("wcg", "comesa"), "source_note": "COMESA Secretariat, 'Member States' (21)",
    },
    {
        "id": "ECCAS", "name": "Economic Community of Central African States", "kind": "subregional",
        "acronym": "ECCAS",
        "aliases": ["Communauté économique des États de l'Afrique centrale", "CEEAC",
                    "Comunidad Económica de los Estados de África Central",
                    "Экономическое сообщество центральноафриканских государств",
                    "الجماعة الاقتصادية لدول وسط أفريقيا", "中部非洲国家经济共同体"],
        "members": ("wcg", "eccas"), "source_note": "ECCAS Commission, member states",
    },
    {
        "id": "CEMAC", "name": "Economic and Monetary Community of Central Africa", "kind": "subregional",
        "acronym": "CEMAC",
        "aliases": ["Communauté économique et monétaire de l'Afrique centrale",
                    "Comunidad Económica y Monetaria de África Central",
                    "Экономическое и валютное сообщество Центральной Африки", "中部非洲经济与货币共同体"],
        "members": ("wcg", "cemac"), "source_note": "CEMAC Commission, member states (6)",
    },
    {
        "id": "WAEMU", "name": "West African Economic and Monetary Union", "kind": "subregional", "acronym": "WAEMU",
        "aliases": ["Union économique et monétaire ouest-africaine", "UEMOA",
                    "Unión Económica y Monetaria de África Occidental", "Западноафриканский экономический и "
                    "валютный союз", "الاتحاد الاقتصادي والنقدي لغرب أفريقيا", "西非经济货币联盟"],
        "members": ("wcg", "waemu"), "source_note": "UEMOA Commission, 'États membres' (8)",
    },
    {
        "id": "SICA", "name": "Central American Integration System", "kind": "subregional", "acronym": "SICA",
        "aliases": ["Sistema de la Integración Centroamericana", "Système d'intégration centraméricain",
                    "Система центральноамериканской интеграции", "منظومة التكامل لأمريكا الوسطى", "中美洲一体化体系"],
        "members": ("wcg", "sica"), "source_note": "SICA General Secretariat, 'Estados Miembros' (8)",
    },
    {
        "id": "OECS", "name": "Organisation of Eastern Caribbean States", "kind": "subregional", "acronym": "OECS",
        "aliases": ["Organisation des États de la Caraïbe orientale", "OECO",
                    "Organización de Estados del Caribe Oriental", "Организация восточнокарибских государств",
                    "东加勒比国家组织"],
        "members": ("wcg", "oecs"), "source_note": "OECS Commission, 'Protocol Members' (Montserrat is not a state here)",
    },
    {
        "id": "G7", "name": "Group of Seven", "kind": "international", "acronym": "G7",
        "aliases": ["G8", "Group of Eight", "Groupe des Sept", "Groupe des Huit", "Grupo de los Siete",
                    "Grupo de los Ocho", "Группа семи", "Большая восьмёрка", "مجموعة السبع", "七国集团", "八国集团"],
        "member_organizations": ["EU"],
        "members": ("coco", "G7"),
        "source_note": "G7 presidency, members (in 2003 the G8 included Russia, suspended since 2014; "
        "the G8 Counter-Terrorism Action Group was created at Evian in June 2003)",
    },
    # ---- FATF and the FATF-style regional bodies (no package carries them) -----------------
    {
        "id": "FATF", "name": "Financial Action Task Force", "kind": "international", "acronym": "FATF",
        "aliases": ["FATF-GAFI", "Financial Action Task Force on Money Laundering", "Groupe d'action financière",
                    "GAFI", "Grupo de Acción Financiera Internacional", "ФАТФ",
                    "Группа разработки финансовых мер борьбы с отмыванием денег", "مجموعة العمل المالي",
                    "金融行动特别工作组"],
        "member_organizations": ["EU", "GCC"],
        "members": ("list", ["ARG", "AUS", "AUT", "BEL", "BRA", "CAN", "CHN", "DNK", "FIN", "FRA", "DEU", "GRC",
                             "ISL", "IND", "IDN", "IRL", "ISR", "ITA", "JPN", "KOR", "LUX", "MEX", "NLD", "NZL",
                             "NOR", "PRT", "RUS", "SAU", "SGP", "ZAF", "ESP", "SWE", "CHE", "TUR", "GBR", "USA"]),
        "source_note": "FATF, 'FATF Members and Observers' (38 jurisdictions + European Commission + GCC; "
        "Hong Kong, China is not a state here; the Russian Federation's membership is suspended since 2023-02-24)",
    },
    {
        "id": "APG", "name": "Asia/Pacific Group on Money Laundering", "kind": "regional", "acronym": "APG",
        "aliases": ["Asia Pacific Group on Money Laundering", "Groupe Asie/Pacifique sur le blanchiment de capitaux",
                    "Grupo Asia/Pacífico sobre el Blanqueo de Capitales",
                    "Азиатско-Тихоокеанская группа по борьбе с отмыванием денег", "亚太反洗钱组织"],
        "members": ("list", ["AFG", "AUS", "BGD", "BTN", "BRN", "KHM", "CAN", "CHN", "FJI", "IND", "IDN", "JPN",
                             "KOR", "LAO", "MYS", "MDV", "MHL", "MNG", "MMR", "NRU", "NPL", "NZL", "PAK", "PLW",
                             "PNG", "PHL", "WSM", "SGP", "SLB", "LKA", "THA", "TLS", "TON", "USA", "VUT", "VNM"]),
        "source_note": "APG, 'Members and Observers' (also Cook Islands; Hong Kong, China; Macao, China; Niue; "
        "Chinese Taipei — not states here)",
    },
    {
        "id": "CFATF", "name": "Caribbean Financial Action Task Force", "kind": "regional", "acronym": "CFATF",
        "aliases": ["Groupe d'action financière des Caraïbes", "GAFIC", "Grupo de Acción Financiera del Caribe"],
        "members": ("list", ["ATG", "BHS", "BRB", "BLZ", "DMA", "DOM", "GRD", "GUY", "HTI", "JAM", "KNA", "LCA",
                             "VCT", "SUR", "TTO", "VEN"]),
        "source_note": "CFATF, 'Member Countries' (also Anguilla, Aruba, Bermuda, British Virgin Islands, Cayman "
        "Islands, Curaçao, Montserrat, Sint Maarten, Turks and Caicos Islands — not states here)",
    },
    {
        "id": "EAG", "name": "Eurasian Group on Combating Money Laundering and Financing of Terrorism",
        "kind": "regional", "acronym": "EAG",
        "aliases": ["Eurasian Group", "Евразийская группа по противодействию легализации преступных доходов и "
                    "финансированию терроризма", "ЕАГ", "Groupe eurasien", "欧亚反洗钱与反恐融资小组"],
        "members": ("list", ["BLR", "CHN", "IND", "KAZ", "KGZ", "RUS", "TJK", "TKM", "UZB"]),
        "source_note": "EAG, 'Member States' (9)",
    },
    {
        "id": "ESAAMLG", "name": "Eastern and Southern Africa Anti-Money Laundering Group", "kind": "regional",
        "acronym": "ESAAMLG",
        "aliases": ["Groupe anti-blanchiment de l'Afrique orientale et australe",
                    "Grupo contra el Blanqueo de Capitales de África Oriental y Meridional", "东南非反洗钱组织"],
        "members": ("list", ["AGO", "BWA", "COM", "SWZ", "ETH", "KEN", "LSO", "MDG", "MWI", "MUS", "MOZ", "NAM",
                             "RWA", "SYC", "ZAF", "TZA", "UGA", "ZMB", "ZWE"]),
        "source_note": "ESAAMLG, 'Member Countries'",
    },
    {
        "id": "GABAC", "name": "Task Force on Money Laundering in Central Africa", "kind": "subregional",
        "acronym": "GABAC", "parent": "CEMAC",
        "aliases": ["Groupe d'action contre le blanchiment d'argent en Afrique centrale",
                    "Grupo de Acción contra el Blanqueo de Dinero en África Central", "中部非洲反洗钱行动组"],
        "members": ("list", ["CMR", "CAF", "TCD", "COG", "COD", "GNQ", "GAB"]),
        "source_note": "GABAC, 'États membres' (7)",
    },
    {
        "id": "GAFILAT", "name": "Financial Action Task Force of Latin America", "kind": "regional",
        "acronym": "GAFILAT",
        "aliases": ["Grupo de Acción Financiera de Latinoamérica", "GAFISUD",
                    "Grupo de Acción Financiera de Sudamérica", "Groupe d'action financière d'Amérique latine",
                    "Grupo de Ação Financeira da América Latina", "拉丁美洲金融行动特别工作组"],
        "members": ("list", ["ARG", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND",
                             "MEX", "NIC", "PAN", "PRY", "PER", "URY"]),
        "source_note": "GAFILAT, 'Países miembros' (18; in 2003 it was GAFISUD with South American members only)",
    },
    {
        "id": "GIABA", "name": "Inter-Governmental Action Group against Money Laundering in West Africa",
        "kind": "subregional", "acronym": "GIABA", "parent": "ECOWAS",
        "aliases": ["Groupe intergouvernemental d'action contre le blanchiment d'argent en Afrique de l'Ouest",
                    "Grupo Intergubernamental de Acción contra el Blanqueo de Dinero en África Occidental",
                    "西非反洗钱政府间行动组"],
        "members": ("list", ["BEN", "BFA", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "NER", "NGA",
                             "SEN", "SLE", "TGO", "STP"]),
        "source_note": "GIABA, 'Member States' (ECOWAS institution; Burkina Faso, Mali and Niger kept pending "
        "clarification after their 2025 ECOWAS withdrawal)",
    },
    {
        "id": "MENAFATF", "name": "Middle East and North Africa Financial Action Task Force", "kind": "regional",
        "acronym": "MENAFATF",
        "aliases": ["مجموعة العمل المالي لمنطقة الشرق الأوسط وشمال أفريقيا",
                    "Groupe d'action financière du Moyen-Orient et de l'Afrique du Nord", "GAFIMOAN",
                    "Grupo de Acción Financiera de Oriente Medio y Norte de África", "中东和北非金融行动特别工作组"],
        "members": ("list", ["DZA", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE",
                             "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"]),
        "source_note": "MENAFATF, 'Member Countries' (created 2004, after the source's period)",
    },
    {
        "id": "MONEYVAL", "name": "Committee of Experts on the Evaluation of Anti-Money Laundering Measures "
        "and the Financing of Terrorism", "kind": "regional", "acronym": "MONEYVAL", "parent": "COE",
        "aliases": ["Comité d'experts sur l'évaluation des mesures de lutte contre le blanchiment des capitaux et le "
                    "financement du terrorisme", "Council of Europe MONEYVAL", "Комитет экспертов МАНИВЭЛ",
                    "欧洲委员会反洗钱评估专家委员会"],
        "members": ("list", ["ALB", "AND", "ARM", "AZE", "BIH", "BGR", "HRV", "CYP", "CZE", "EST", "GEO", "HUN",
                             "LVA", "LIE", "LTU", "MLT", "MDA", "MCO", "MNE", "MKD", "POL", "ROU", "SMR", "SRB",
                             "SVK", "SVN", "UKR", "VAT"]),
        "source_note": "Council of Europe MONEYVAL, 'Jurisdictions' (also Gibraltar, Guernsey, Isle of Man, "
        "Jersey — not states here; Israel has active observer status)",
    },
    # ---- Donor agencies (members = the one state the agency belongs to) -----------------------
    {
        "id": "JICA", "name": "Japan International Cooperation Agency", "kind": "donor_agency", "acronym": "JICA",
        "aliases": ["国際協力機構", "Agence japonaise de coopération internationale",
                    "Agencia de Cooperación Internacional del Japón", "日本国际协力机构"],
        "members": ("list", ["JPN"]), "source_note": "Government of Japan (JICA is its development cooperation agency)",
    },
    {
        "id": "DFID", "name": "Department for International Development", "kind": "donor_agency", "acronym": "DFID",
        "aliases": ["UK Department for International Development", "Foreign, Commonwealth and Development Office",
                    "FCDO", "Département du développement international du Royaume-Uni"],
        "members": ("list", ["GBR"]),
        "source_note": "UK Government (DFID was its aid department in 2003; merged into the FCDO in 2020)",
    },
    {
        "id": "CIDA", "name": "Canadian International Development Agency", "kind": "donor_agency", "acronym": "CIDA",
        "aliases": ["Agence canadienne de développement international", "ACDI", "Global Affairs Canada",
                    "Affaires mondiales Canada"],
        "members": ("list", ["CAN"]),
        "source_note": "Government of Canada (CIDA was its aid agency in 2003; merged into Global Affairs Canada in 2013)",
    },
    {
        "id": "NORAD", "name": "Norwegian Agency for Development Cooperation", "kind": "donor_agency",
        "acronym": "Norad",
        "aliases": ["Norad", "Direktoratet for utviklingssamarbeid", "Agence norvégienne de coopération pour le "
                    "développement", "Agencia Noruega de Cooperación para el Desarrollo"],
        "members": ("list", ["NOR"]), "source_note": "Government of Norway (Norad is a directorate of its Ministry of Foreign Affairs)",
    },
]


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover - regeneration needs the refdata extra
        return "not installed"


def _coco_table() -> pd.DataFrame:
    return pd.read_csv(
        os.path.join(os.path.dirname(coco.__file__), "country_data.tsv"), sep="\t", keep_default_na=False
    )


def _wcg_members(group: str, code_fixes: dict[str, str]) -> list[str]:
    import worldcountrygroups

    countries = worldcountrygroups.get_countries(group)
    if countries is None:
        raise SystemExit(f"worldcountrygroups has no group {group!r}")
    codes = []
    for country in countries:
        code = country.iso3 or code_fixes.get(country.name, "")
        if not code:
            raise SystemExit(f"worldcountrygroups {group}: {country.name!r} has no ISO3 code and no code fix")
        codes.append(code)
    return codes


def build_organizations(states: list[dict[str, str]]) -> list[dict[str, Any]]:
    corrections = json.loads((OUT / "membership_corrections.json").read_text(encoding="utf-8"))
    code_fixes = {k: v for k, v in corrections["code_fixes"].items() if k != "about"}
    non_states = {k for k in corrections["non_state_members"] if k != "about"}
    by_org: dict[str, list[dict[str, Any]]] = {}
    for fix in corrections["corrections"]:
        by_org.setdefault(fix["organization"], []).append(fix)

    all_states = {s["iso3"] for s in states}
    un_members = {s["iso3"] for s in states if s["un_member"] == "1"}
    table = _coco_table()
    coco_v, wcg_v = _package_version("country_converter"), _package_version("worldcountrygroups")
    resolved: dict[str, list[str]] = {}
    out = []
    for spec in ORGANIZATIONS:
        kind, arg = spec["members"]
        if kind == "coco":
            codes = list(table.loc[table[arg].astype(str) != "", "ISO3"])
            source = f"country_converter {coco_v} (country_data.tsv, column {arg})"
        elif kind == "wcg":
            codes = _wcg_members(arg, code_fixes)
            source = f"worldcountrygroups {wcg_v} (group '{arg}')"
        elif kind == "un_members":
            codes = sorted(un_members - set(arg))
            source = "all UN member states of states.csv" + (f" except {', '.join(arg)}" if arg else "")
        elif kind == "all_states":
            codes = sorted(all_states - set(arg))
            source = "all states of states.csv (UN members and observer states) except " + ", ".join(arg)
        elif kind == "same_as":
            codes = list(resolved[arg])
            source = f"same members as {arg}"
        elif kind == "list":
            codes = list(arg)
            source = "curated from"
        else:  # pragma: no cover
            raise SystemExit(f"unknown member spec {kind!r}")
        fixes = by_org.get(spec["id"], [])
        for fix in fixes:
            codes = [c for c in codes if c not in set(fix.get("remove", []))]
            codes += [c for c in fix.get("add", []) if c not in codes]
        if fixes:
            source += " + data/reference/membership_corrections.json"
        unknown = sorted(set(codes) - all_states - non_states)
        if unknown:
            raise SystemExit(f"{spec['id']}: members not in states.csv: {unknown}")
        dropped = sorted(set(codes) & non_states - all_states)
        if dropped:
            print(f"  {spec['id']}: non-state members left out: {', '.join(dropped)}")
        members = sorted(set(codes) & all_states)
        resolved[spec["id"]] = members
        out.append(
            {
                "id": spec["id"],
                "name": spec["name"],
                "kind": spec["kind"],
                "acronym": spec["acronym"],
                "aliases": list(dict.fromkeys(a for a in spec["aliases"] if a != spec["acronym"])),
                "members": members,
                "member_organizations": spec.get("member_organizations", []),
                "parent": spec.get("parent"),
                "members_as_of": spec.get("as_of", CURATED_AS_OF),
                "source": f"{source} {spec['source_note']}"
                if kind == "list"
                else f"{source}; reference list: {spec['source_note']}",
            }
        )
    ids = [o["id"] for o in out]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate organization ids")
    for org in out:
        for ref in [org["parent"], *org["member_organizations"]]:
            if ref is not None and ref not in ids:
                raise SystemExit(f"{org['id']}: unknown organization {ref!r}")
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    states = build_states()
    with open(OUT / "states.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(states[0]))
        writer.writeheader()
        writer.writerows(states)
    print(f"states.csv: {len(states)} rows")
    organizations = build_organizations(states)
    with open(OUT / "organizations.json", "w", encoding="utf-8") as fh:
        json.dump(organizations, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"organizations.json: {len(organizations)} organizations")


if __name__ == "__main__":
    main()
