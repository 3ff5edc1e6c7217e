"""The real people, organizations, places and titles named in the seed articles, as plain data.

Facts only from the articles (shared/seeds/): nothing here is inferred about a real person beyond what
a source says — no birth years, contacts or addresses, no gender unless the article uses a pronoun.
Each biography names its source. These records are *not* demo data (is_demo stays False): they are
real, and `remove_demo` leaves them in place.

Works and events have no models yet; their facts are kept in WORKS and EVENTS for when they do.
"""

from __future__ import annotations

ASTANA_TIMES = "https://astanatimes.com/2025/10/almaty-receives-world-craft-city-status-showcases-global-artistry-at-ala-craft-2025"
QAZAQCULTURE = "https://qazaqculture.com/en/news/10c103da-b695-4781-9a49-e78912ef4b8c"  # interview, 27 Oct 2025
CITIES_OF_MUSIC = "https://citiesofmusic.net/city/almaty/"
WCC_PROGRAMME_UPDATE = "https://wccinternational.org/post/new-horizons-for-wcc-world-craft-city-program-update-recent-additions-to-the-network"

_AT = {
    "kk": "Дереккөз: The Astana Times, 2025 ж. қазан.",
    "ru": "Источник: The Astana Times, октябрь 2025 г.",
    "en": "Source: The Astana Times, October 2025.",
}
_QC = {
    "kk": "Дереккөз: Айжан Беккуловамен сұхбат, qazaqculture.com, 27.10.2025.",
    "ru": "Источник: интервью с Айжан Беккуловой, qazaqculture.com, 27.10.2025.",
    "en": "Source: interview with Aizhan Bekkulova, qazaqculture.com, 27 Oct 2025.",
}
_UN = {
    "kk": "Дереккөз: Алматының ЮНЕСКО «Музыка қаласы» парағы.",
    "ru": "Источник: страница Алматы как «Города музыки» ЮНЕСКО.",
    "en": "Source: Almaty's UNESCO City of Music profile.",
}


def _bio(kk: str, ru: str, en: str, source: dict[str, str]) -> dict[str, str]:
    return {"kk": f"{kk} {source['kk']}", "ru": f"{ru} {source['ru']}", "en": f"{en} {source['en']}"}


# Each person: Kazakh names are given in Kazakh Cyrillic (`kk`) and their other forms are derived by
# namekit; `press` is the spelling the article uses and wins over the derived one, `ru` likewise
# when the Russian spelling is irregular. Foreign people give every form by hand in `names`.
PEOPLE: list[dict] = [
    {
        "key": "Aizhan Bekkulova",
        "kk": ("Айжан", "Беккулова"),
        "occupation": "artisan",
        "country": "KZ",
        "city": "Almaty",  # "our city", she says of Almaty
        "biography": _bio(
            "Қазақстан қолөнершілер одағының президенті, мәдени дипломатия сарапшысы, елдегі қолөнер "
            "қозғалысын қайта жаңғыртушылардың бірі. Одақ 2018 жылдан бастап Алматының «Дүниежүзілік қолөнер "
            "қаласы» атағына өтінімін дайындады, кейін Алматы қолөнер палатасымен бірге. Лейла Уолтер "
            "Қазақстанға алғашқы сапарында оны қонақ еткен шеберлердің бірі ретінде атайды.",
            "Президент Союза ремесленников Казахстана, эксперт в области культурной дипломатии, одна из "
            "зачинателей возрождения ремесленного движения в стране. С 2018 года союз готовил заявку Алматы на "
            "статус «Всемирный город ремёсел», позже вместе с Алматинской палатой ремёсел. Лейла Уолтер "
            "называет её среди мастеров, принимавших её в первый приезд в Казахстан.",
            "President of the Union of Craftsmen of Kazakhstan, an expert in cultural diplomacy and a pioneer "
            "of the revival of the crafts movement in the country. From 2018 the union prepared Almaty's "
            "application for the World Craft City title, later with the Almaty Chamber of Crafts. Layla Walter "
            "names her as one of the artisans who hosted her first visit to Kazakhstan.",
            _QC,
        ),
    },
    {
        "key": "Serik Rysbekov",
        "kk": ("Серік", "Рысбеков"),
        "occupation": "artisan",
        "country": "KZ",
        "biography": _bio(
            "Шебер. Айжан Беккуловамен бірге жаңазеландиялық шыны шебері Лейла Уолтерді Қазақстанға алғашқы "
            "сапарында қонақ етті; оның бағындағы алмұрттар Уолтердің ALA CRAFT 2025-те көрсетілген шыны "
            "тостағанына шабыт берді.",
            "Мастер. Вместе с Айжан Беккуловой принимал новозеландскую художницу по стеклу Лейлу Уолтер в её "
            "первый приезд в Казахстан; груши из его сада вдохновили её стеклянную чашу, показанную на "
            "ALA CRAFT 2025.",
            "Artisan. With Aizhan Bekkulova he hosted the New Zealand glass artist Layla Walter on her first "
            "visit to Kazakhstan; the pears in his garden inspired her glass bowl shown at ALA CRAFT 2025.",
            _AT,
        ),
    },
    {
        "key": "Layla Walter",
        "names": {"en": ("Layla", "Walter"), "ru": ("Лейла", "Уолтер"), "kk": ("Лейла", "Уолтер")},
        "occupation": "artisan",
        "gender": "female",
        "country": "NZ",
        "disciplines": ["glass"],
        "materials": ["glass"],
        "biography": _bio(
            "Жаңа Зеландиядан шыққан шыны шебері. ALA CRAFT 2025 фестивалінде заманауи зергерлік пен маори "
            "дәстүрін ұштастырған жұмыстарын, соның ішінде Алматы алмұртынан шабыт алған шыны тостағанды "
            "көрсетті. Алмұрттарды алты жыл бұрын Серік Рысбековтің бағында салған, тостағанды алты жыл жасаған.",
            "Художница по стеклу из Новой Зеландии. На ALA CRAFT 2025 показала работы, соединяющие современное "
            "ювелирное искусство с традициями маори, в том числе стеклянную чашу по мотивам алматинских груш. "
            "Груши она нарисовала шесть лет назад в саду Серика Рысбекова и шесть лет создавала чашу.",
            "New Zealand glass artist. At ALA CRAFT 2025 she showed works combining contemporary jewellery with "
            "traditional Māori influences, among them a glass bowl inspired by Almaty pears, which she drew in "
            "Serik Rysbekov's garden six years earlier and spent six years making.",
            _AT,
        ),
    },
    {
        "key": "Vicki Mason",
        "names": {"en": ("Vicki", "Mason"), "ru": ("Викки", "Мейсон"), "kk": ("Викки", "Мейсон")},
        "occupation": "artisan",
        "gender": "female",
        "country": "AU",
        "disciplines": ["jewellery"],
        "biography": _bio(
            "Аустралиялық заманауи зергер, кәсіби білімі бар алтын ұстасы. ALA CRAFT 2025-те эвкалипт сияқты "
            "Аустралияның жергілікті өсімдіктерінен шабыт алған, климаттың өзгеруіне төзімділік туралы "
            "бұйымдарын көрсетті.",
            "Австралийская художница современного ювелирного искусства, профессиональный золотых дел мастер. "
            "На ALA CRAFT 2025 показала украшения по мотивам местных растений Австралии, таких как эвкалипт, — "
            "о стойкости перед изменением климата.",
            "Australian contemporary jewellery artist and trained goldsmith. At ALA CRAFT 2025 she showed pieces "
            "inspired by native Australian plants such as eucalyptus, about resilience in the face of climate "
            "change.",
            _AT,
        ),
    },
    {
        "key": "Ikramzhan Rafikov",
        "kk": ("Икрамжан", "Рафиков"),
        "occupation": "artisan",
        "gender": "male",
        "country": "KZ",
        "disciplines": ["jewellery"],
        "biography": _bio(
            "Қазақстандық зергер, АҚШ-тағы Global Eco Artisan Awards 2022 жүлдегері. Ең символдық жұмысы — "
            "сауыт пен төзімділікті еске салатын үш бөліктен тұратын «Күш жүзігі»: билеуші әрі жауынгер болған "
            "қазақ әйелдеріне арналған. 2019 жылы Вашингтондағы «Тәңір рухы» көрмесіне тағы сегіз қазақ "
            "зергерімен бірге қатысты.",
            "Казахстанский ювелир, лауреат Global Eco Artisan Awards 2022 в США. Самая символичная его работа — "
            "«Кольцо силы» из трёх сцепленных частей, напоминающих доспех: посвящено казашкам, которые были и "
            "правительницами, и воинами. В 2019 году участвовал в выставке «Душа Тенгри» в Вашингтоне вместе с "
            "восемью другими казахстанскими ювелирами.",
            "Kazakh jeweller, winner of the Global Eco Artisan Awards 2022 in the United States. His most "
            "symbolic work, the Ring of Power, has three interlocking parts evoking armour and resilience and "
            'honours Kazakh women who were rulers and warriors. In 2019 he took part in the "Soul of Tengri" '
            "exhibition in Washington, D.C., with eight other Kazakh jewellers.",
            _AT,
        ),
    },
    {
        "key": "Aigul Turalieva",
        "kk": ("Айгүл", "Тұралиева"),
        "occupation": "artisan",
        "gender": "female",  # "in her practice"
        "country": "KZ",
        "disciplines": ["kurak-korpe"],
        "techniques": ["kurak-piecing"],
        "biography": _bio(
            "Шебер. Бір кезде жойылып кете жаздаған ежелгі қазақ құрақ көрпе техникасын қайта жаңғыртты; оның "
            "тәжірибесінде бұл — әр бөлшегі күрделі композицияның бір бөлігі болатын өнер. Жұмыстары Кастеев "
            "атындағы Мемлекеттік өнер музейіндегі «Шебер» байқауы финалистерінің көрмесінде ерекше қызығушылық "
            "тудырды.",
            "Мастер. Возродила древнюю казахскую технику курак корпе, которая когда-то почти исчезла; в её "
            "практике это искусство, где каждая деталь — часть сложной продуманной композиции. Её работы "
            "вызвали особый интерес на выставке финалистов конкурса «Шебер» в Государственном музее искусств "
            "им. Кастеева.",
            "Master who revived kurak korpe, the traditional Kazakh patchwork technique that had once almost "
            "disappeared; in her practice every detail becomes part of a complex, thoughtful composition. Her "
            'works drew particular interest at the exhibition of the "Sheber" competition finalists at the '
            "Kasteyev State Museum of Arts.",
            _QC,
        ),
    },
    {
        "key": "Bota Zemelkhan",
        # Kazakh Cyrillic not given by the source: "Земелхан" is the plausible reverse transliteration of
        # the press spelling (Z, not Zh). Check with the person before relying on it.
        "kk": ("Бота", "Земелхан"),
        "occupation": "artisan",
        "country": "KZ",
        "biography": _bio(
            "Шебер; жұмыстары Кастеев атындағы Мемлекеттік өнер музейіндегі «Шебер» байқауы финалистерінің "
            "көрмесінде ерекше қызығушылық тудырды.",
            "Мастер; работы вызвали особый интерес на выставке финалистов конкурса «Шебер» в Государственном "
            "музее искусств им. Кастеева.",
            'Master whose works drew particular interest at the exhibition of the "Sheber" competition '
            "finalists at the Kasteyev State Museum of Arts.",
            _QC,
        ),
    },
    {
        "key": "Dulat Ashimov",
        "kk": ("Дулат", "Әшімов"),
        "occupation": "artisan",
        "country": "KZ",
        "disciplines": ["jewellery"],
        "biography": _bio(
            "Зергер. Ежелгі нышандарды, мифологияны және заманауи дизайнды ұштастырған «Өртеке» жүзігі "
            "Кастеев музейіндегі «Шебер» байқауы финалистерінің көрмесінде келушілердің назарын аударды.",
            "Ювелир. Его кольцо «Ортеке», соединяющее древние символы, мифологию и современный дизайн, привлекло "
            "посетителей выставки финалистов конкурса «Шебер» в музее им. Кастеева.",
            'Jeweller. His ring "Orteke", combining ancient symbols, mythology and contemporary design, drew '
            'visitors at the exhibition of the "Sheber" competition finalists at the Kasteyev Museum.',
            _QC,
        ),
    },
    {
        "key": "Jude van der Merwe",
        "names": {
            "en": ("Jude", "van der Merwe"),
            "ru": ("Джуд", "ван дер Мерве"),
            "kk": ("Джуд", "ван дер Мерве"),
        },
        "occupation": "organiser",
        "biography": _bio(
            "Дүниежүзілік қолөнер кеңесінің Азия-Тынық мұхиты өңірінің президенті; 2025 жылғы 5 қазанда "
            "ALA CRAFT 2025-те Алматыға «Дүниежүзілік қолөнер қаласы» атағын табыс етті.",
            "Президент Азиатско-Тихоокеанского региона Всемирного совета ремёсел. 5 октября 2025 года на "
            "ALA CRAFT 2025 Алматы получил из рук президента статус «Всемирный город ремёсел».",
            "President of the World Crafts Council Asia-Pacific Region; presented Almaty with the World Craft "
            "City title on 5 October 2025 at ALA CRAFT 2025.",
            _AT,
        ),
    },
    {
        "key": "Galiya Tokseitova",
        # Kazakh Cyrillic not in the source: a plausible spelling of the press form.
        "kk": ("Ғалия", "Төксейітова"),
        "ru": ("Галия", "Токсеитова"),
        "occupation": "organiser",
        "country": "KZ",
        "city": "Almaty",
        "biography": _bio(
            "Алматы қаласы Туризм басқармасының басшысы.",
            "Руководитель Управления туризма города Алматы.",
            "Head of the Almaty Tourism Department.",
            _AT,
        ),
    },
    {
        "key": "Akmaral Yeshchanova",
        # Kazakh Cyrillic not in the source: a plausible spelling of the press form.
        "kk": ("Ақмарал", "Ещанова"),
        "occupation": "organiser",
        "country": "KZ",
        "city": "Almaty",
        "biography": _bio(
            "Алматы қаласы Туризм басқармасы басшысының орынбасары.",
            "Заместитель руководителя Управления туризма города Алматы.",
            "Deputy head of the Almaty Tourism Department.",
            _AT,
        ),
    },
    {
        "key": "Galymzhan Otelbayuli",
        # Kazakh Cyrillic not in the source: a plausible spelling of the press form.
        "kk": ("Ғалымжан", "Өтелбайұлы"),
        "occupation": "organiser",
        "country": "KZ",
        "city": "Almaty",
        "biography": _bio(
            "Алматы қаласы Мәдениет және архивтер басқармасы; Алматының ЮНЕСКО «Музыка қаласы» парағының "
            "соңында аты аталады.",
            "Управление культуры и архивов города Алматы; его имя стоит под страницей Алматы как «Города "
            "музыки» ЮНЕСКО.",
            "Culture and Archives Department of Almaty City; named at the end of Almaty's UNESCO City of Music "
            "profile.",
            _UN,
        ),
    },
    # Named in the UNESCO profile as nationally renowned composers for whom Almaty was home.
    {
        "key": "Ahmet Zhubanov",
        "kk": ("Ахмет", "Жұбанов"),
        "occupation": "musician",
        "country": "KZ",
        "biography": _bio(
            "Елге танымал композитор; Алматы оның үйі болған.",
            "Композитор с национальной известностью; Алматы был его домом.",
            "Nationally renowned composer; Almaty was his home.",
            _UN,
        ),
    },
    {
        "key": "Gaziza Zhubanova",
        "kk": ("Ғазиза", "Жұбанова"),
        "occupation": "musician",
        "country": "KZ",
        "biography": _bio(
            "Елге танымал композитор; Алматы оның үйі болған.",
            "Композитор с национальной известностью; Алматы был её домом.",
            "Nationally renowned composer; Almaty was her home.",
            _UN,
        ),
    },
    {
        "key": "Erkegali Rakhmadiev",
        "kk": ("Еркеғали", "Рахмадиев"),
        "occupation": "musician",
        "country": "KZ",
        "biography": _bio(
            "Елге танымал композитор; Алматы оның үйі болған.",
            "Композитор с национальной известностью; Алматы был его домом.",
            "Nationally renowned composer; Almaty was his home.",
            _UN,
        ),
    },
]


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# Ordered so that a parent comes before its children.
ORGANIZATIONS: list[dict] = [
    {
        "slug": "union-of-craftsmen-of-kazakhstan",
        "kind": "union",
        "name": _t("Қазақстан қолөнершілер одағы", "Союз ремесленников Казахстана", "Union of Craftsmen of Kazakhstan"),
        "country": "KZ",
        "city": "Almaty",
        "description": _t(
            "2018 жылдан бастап Алматының «Дүниежүзілік қолөнер қаласы» өтінімін дайындады; елдің өңірлерінің "
            "алуан түрлілігін көрсететін жұмыстардың үлкен коллекциясы бар.",
            "С 2018 года готовил заявку Алматы на статус «Всемирный город ремёсел»; владеет большой коллекцией "
            "работ, отражающей разнообразие регионов страны.",
            "Prepared Almaty's World Craft City application from 2018; holds a large collection of works "
            "reflecting the diversity of the country's regions. Source: qazaqculture.com, 27 Oct 2025.",
        ),
    },
    {
        "slug": "almaty-chamber-of-crafts",
        "kind": "chamber",
        "name": _t("Алматы қолөнер палатасы", "Алматинская палата ремёсел", "Almaty Chamber of Crafts"),
        "country": "KZ",
        "city": "Almaty",
        "description": _t(
            "Одақпен бірге Алматының өтінімін қайта қарап, халықаралық комиссияны қабылдады.",
            "Вместе с союзом пересмотрела заявку Алматы и приняла международную комиссию.",
            "Revisited Almaty's application with the union and received the international commission. "
            "Source: qazaqculture.com, 27 Oct 2025.",
        ),
    },
    # Named as a supporter of ALA CRAFT 2025. Possibly the Union of Craftsmen under another translation of
    # its name; kept apart until a registrar confirms (then merge).
    {
        "slug": "kazakh-union-of-artisans",
        "kind": "union",
        "name": _t("Қазақстан шеберлер одағы", "Казахский союз мастеров", "Kazakh Union of Artisans"),
        "country": "KZ",
        "description": _t(
            "ALA CRAFT 2025 фестивалін қолдаушылардың бірі.",
            "Один из организаций, поддержавших фестиваль ALA CRAFT 2025.",
            "One of the supporters of the ALA CRAFT 2025 festival. Source: The Astana Times, October 2025.",
        ),
    },
    {
        "slug": "world-crafts-council",
        "kind": "international",
        "short_name": "WCC",
        "name": _t("Дүниежүзілік қолөнер кеңесі", "Всемирный совет ремёсел", "World Crafts Council"),
        "description": _t(
            "«Дүниежүзілік қолөнер қаласы» атағын береді; ALA CRAFT 2025 фестивалін қолдады.",
            "Присваивает статус «Всемирный город ремёсел»; поддержал фестиваль ALA CRAFT 2025.",
            "Awards the World Craft City title; supported the ALA CRAFT 2025 festival.",
        ),
    },
    {
        "slug": "wcc-asia-pacific-region",
        "kind": "international",
        "short_name": "WCC-APR",
        "parent": "world-crafts-council",
        "name": _t(
            "Дүниежүзілік қолөнер кеңесі — Азия-Тынық мұхиты өңірі",
            "Всемирный совет ремёсел — Азиатско-Тихоокеанский регион",
            "World Crafts Council Asia-Pacific Region",
        ),
    },
    {
        "slug": "smithsonian-center-for-folklife-and-cultural-heritage",
        "kind": "museum",
        "country": "US",
        "name": _t(
            "Смитсон фольклор және мәдени мұра орталығы",
            "Смитсоновский центр фольклора и культурного наследия",
            "Smithsonian Center for Folklife and Cultural Heritage",
        ),
        "description": _t(
            "ALA CRAFT 2025 фестивалін қолдады; қазақ шеберлерінің тәжірибесін әлемге таныстыру үшін зерттеді.",
            "Поддержал фестиваль ALA CRAFT 2025; изучал практики казахских мастеров, чтобы представить их миру.",
            "Supported ALA CRAFT 2025; studied the practices of Kazakh artisans to present them globally. "
            "Source: The Astana Times, October 2025.",
        ),
    },
    {
        "slug": "almaty-tourism-department",
        "kind": "government",
        "country": "KZ",
        "city": "Almaty",
        "name": _t("Алматы қаласы Туризм басқармасы", "Управление туризма города Алматы", "Almaty Tourism Department"),
        "description": _t(
            "ALA CRAFT 2025 фестивалін қолдады.",
            "Поддержало фестиваль ALA CRAFT 2025.",
            "Supported the ALA CRAFT 2025 festival. Source: The Astana Times, October 2025.",
        ),
    },
    {
        "slug": "almaty-culture-and-archives-department",
        "kind": "government",
        "country": "KZ",
        "city": "Almaty",
        "name": _t(
            "Алматы қаласы Мәдениет және архивтер басқармасы",
            "Управление культуры и архивов города Алматы",
            "Culture and Archives Department of Almaty City",
        ),
    },
    {
        "slug": "kasteyev-state-museum-of-arts",
        "kind": "museum",
        "country": "KZ",
        "city": "Almaty",
        "name": _t(
            "Ә. Қастеев атындағы Мемлекеттік өнер музейі",
            "Государственный музей искусств им. А. Кастеева",
            "Kasteyev State Museum of Arts",
        ),
        "description": _t(
            "«Шебер» байқауы финалистерінің ең үздік жұмыстары көрсетілген халықаралық көрменің алаңы.",
            "Здесь прошла международная выставка лучших работ финалистов конкурса «Шебер».",
            'Hosted an international exhibition of the best works of the "Sheber" competition finalists. '
            "Source: qazaqculture.com, 27 Oct 2025.",
        ),
    },
    {
        "slug": "multimedia-traditional-music-centre",
        "kind": "venue",
        "country": "KZ",
        "city": "Almaty",
        "founded_year": 2016,
        "name": _t(
            "Дәстүрлі музыканың мультимедиалық орталығы",
            "Мультимедийный центр традиционной музыки",
            "Multimedia Traditional Music Centre",
        ),
        "description": _t(
            "2016 жылы салынған жаңа музыкалық инфрақұрылымның бөлігі.",
            "Часть новой музыкальной инфраструктуры, построенной в 2016 году.",
            "Part of the new music infrastructure built in 2016. Source: UNESCO City of Music profile.",
        ),
    },
    {
        "slug": "alatau-theatre-of-traditional-art",
        "kind": "venue",
        "country": "KZ",
        "city": "Almaty",
        "founded_year": 2016,
        "name": _t(
            "«Алатау» дәстүрлі өнер театры",
            "Театр традиционного искусства «Алатау»",
            "Alatau Theatre of Traditional Art",
        ),
        "description": _t(
            "2016 жылы салынған жаңа музыкалық инфрақұрылымның бөлігі.",
            "Часть новой музыкальной инфраструктуры, построенной в 2016 году.",
            "Part of the new music infrastructure built in 2016. Source: UNESCO City of Music profile.",
        ),
    },
    {
        "slug": "unesco",
        "kind": "international",
        "short_name": "UNESCO",
        "name": _t("ЮНЕСКО", "ЮНЕСКО", "UNESCO"),
        "description": _t(
            "Шығармашылық қалалар желісі арқылы «Музыка қаласы» атағын береді.",
            "Присваивает статус «Город музыки» в Сети творческих городов.",
            "Designates Cities of Music in its Creative Cities Network.",
        ),
    },
]

# (person key, organization slug, role)
MEMBERSHIPS: list[tuple[str, str, str]] = [
    ("Aizhan Bekkulova", "union-of-craftsmen-of-kazakhstan", "president"),
    ("Jude van der Merwe", "wcc-asia-pacific-region", "president"),
    ("Galiya Tokseitova", "almaty-tourism-department", "director"),
    ("Akmaral Yeshchanova", "almaty-tourism-department", "staff"),  # deputy head
    ("Galymzhan Otelbayuli", "almaty-culture-and-archives-department", "staff"),
]

# Public places: their addresses are public. Coordinates are approximate (to about 100 m); the
# Multimedia Traditional Music Centre's location is not in the sources, so it has none yet.
PLACES: list[dict] = [
    {
        "slug": "abai-square-palace-of-the-republic",
        "kind": "square",
        "name": _t("Абай алаңы, Республика сарайы", "Площадь Абая, Дворец Республики",
                   "Abai Square, Palace of the Republic"),
        "address": _t("Алматы, Абай алаңы", "Алматы, площадь Абая", "Abai Square, Almaty"),
        "latitude": "43.237900",
        "longitude": "76.945500",
        "description": _t(
            "ALA CRAFT 2025 фестивалі 2025 жылғы 4 қазанда Республика сарайының алдындағы Абай алаңында ашылды.",
            "Фестиваль ALA CRAFT 2025 открылся 4 октября 2025 года на площади Абая перед Дворцом Республики.",
            "ALA CRAFT 2025 opened on 4 October 2025 on Abai Square in front of the Palace of the Republic.",
        ),
    },
    {
        "slug": "kasteyev-state-museum-of-arts",
        "kind": "museum",
        "organization": "kasteyev-state-museum-of-arts",
        "name": _t("Ә. Қастеев атындағы Мемлекеттік өнер музейі", "Государственный музей искусств им. А. Кастеева",
                   "Kasteyev State Museum of Arts"),
        "address": _t("Алматы, Сәтбаев көшесі, 30А", "Алматы, ул. Сатпаева, 30А", "30A Satpayev St, Almaty"),
        "latitude": "43.233600",
        "longitude": "76.921300",
    },
    {
        "slug": "alatau-theatre-of-traditional-art",
        "kind": "venue",
        "organization": "alatau-theatre-of-traditional-art",
        "name": _t("«Алатау» дәстүрлі өнер театры", "Театр традиционного искусства «Алатау»",
                   "Alatau Theatre of Traditional Art"),
        "address": _t("Алматы, Нұркент ы.а., 6", "Алматы, мкр. Нуркент, 6", "6 Nurkent microdistrict, Almaty"),
        "district": "Alatau District",
        "latitude": "43.316000",
        "longitude": "76.853000",
    },
    {
        "slug": "multimedia-traditional-music-centre",
        "kind": "venue",
        "organization": "multimedia-traditional-music-centre",
        "name": _t("Дәстүрлі музыканың мультимедиалық орталығы", "Мультимедийный центр традиционной музыки",
                   "Multimedia Traditional Music Centre"),
    },
]  # fmt: skip

AWARD_PROGRAMMES: list[dict] = [
    {
        "slug": "wcc-world-craft-city",
        "kind": "city_title",
        "awarding_body": "world-crafts-council",
        "name": _t("Дүниежүзілік қолөнер қаласы", "Всемирный город ремёсел", "World Craft City"),
        "website": "https://www.wccinternational.org/craft-cities",
    },
    {
        "slug": "unesco-creative-city-of-music",
        "kind": "city_title",
        "awarding_body": "unesco",
        "name": _t("ЮНЕСКО шығармашыл қаласы: музыка", "Творческий город ЮНЕСКО: музыка",
                   "UNESCO Creative City of Music"),
    },
    {
        "slug": "global-eco-artisan-awards",
        "kind": "prize",
        "name": _t("Global Eco Artisan Awards", "Global Eco Artisan Awards", "Global Eco Artisan Awards"),
    },
]  # fmt: skip

# holder: ("city", English name) or ("person", person key)
AWARDS: list[dict] = [
    {
        "programme": "wcc-world-craft-city",
        "holder": ("city", "Almaty"),
        "year": 2025,
        "granted_on": "2025-10-05",
        # The application's wording; the wording on the certificate itself was not seen (research notes §0).
        "scope": _t("Зергерлік өнер және музыкалық аспап жасау", "Ювелирное искусство и изготовление музыкальных "
                    "инструментов", "Jewellery and musical instrument making"),
        "citation": _t(
            "2025 жылғы 5 қазанда ALA CRAFT 2025 ашылуында ДҚК Азия-Тынық мұхиты өңірінің президенті табыс етті.",
            "Вручено 5 октября 2025 года на открытии ALA CRAFT 2025 президентом АТР Всемирного совета ремёсел.",
            "Presented on 5 October 2025 at the opening of ALA CRAFT 2025 by the President of the WCC "
            "Asia-Pacific Region. Scope as applied for; the certificate's wording was not seen.",
        ),
        "source_url": ASTANA_TIMES,
    },
    {
        "programme": "unesco-creative-city-of-music",
        "holder": ("city", "Almaty"),
        "year": 2017,
        "scope": _t("Музыка", "Музыка", "Music"),
        "source_url": CITIES_OF_MUSIC,
    },
    {
        "programme": "global-eco-artisan-awards",
        "holder": ("person", "Ikramzhan Rafikov"),
        "year": 2022,
        "citation": _t("Жеңімпаз, АҚШ.", "Победитель, США.", "Winner, in the U.S."),
        "source_url": ASTANA_TIMES,
    },
]  # fmt: skip

# --- facts waiting for models that do not exist yet ------------------------------------------------

WORKS: list[dict] = [
    {
        "title": _t("Күш жүзігі", "Кольцо силы", "Ring of Power"),
        "makers": ["Ikramzhan Rafikov"],
        "discipline": "jewellery",
        "description": "Three interlocking parts evoking armour and resilience; symbolises Kazakh women who were "
        "rulers and warriors.",
        "source": ASTANA_TIMES,
    },
    {
        "title": _t("Өртеке", "Ортеке", "Orteke"),
        "makers": ["Dulat Ashimov"],
        "discipline": "jewellery",
        "description": "A ring combining ancient symbols, mythology and contemporary design; shown at the Sheber "
        "finalists' exhibition, Kasteyev State Museum of Arts.",
        "source": QAZAQCULTURE,
    },
    {
        "title": _t("Алматы алмұрттары бейнеленген шыны тостаған", "Стеклянная чаша с алматинскими грушами",
                    "Glass bowl with Almaty pears"),
        "makers": ["Layla Walter"],
        "discipline": "glass",
        "description": "Inspired by the pears in Serik Rysbekov's garden; six years in the making; shown at "
        "ALA CRAFT 2025.",
        "source": ASTANA_TIMES,
    },
    {
        "title": _t("Құрақ көрпе", "Курак корпе", "Kurak korpe"),
        "makers": ["Aigul Turalieva"],
        "discipline": "kurak-korpe",
        "description": "Works in the revived kurak korpe patchwork technique, shown at the Sheber finalists' "
        "exhibition.",
        "source": QAZAQCULTURE,
    },
]  # fmt: skip

EVENTS: list[dict] = [
    {
        "name": "ALA CRAFT 2025",
        "kind": "festival",
        "starts_on": "2025-10-04",
        "place": "abai-square-palace-of-the-republic",
        "facts": "Over 100 artisans from Kazakhstan, Australia, New Zealand, the United States and other "
        "countries; the World Craft City title was announced at its opening on 5 Oct 2025. Supporters: World "
        "Crafts Council, Kazakh Union of Artisans, Smithsonian Center for Folklife and Cultural Heritage, "
        "Almaty Tourism Department.",
        "participants": ["Layla Walter", "Vicki Mason", "Ikramzhan Rafikov"],
        "source": ASTANA_TIMES,
    },
    {
        "name": "Sheber competition finalists' exhibition",
        "kind": "exhibition",
        "place": "kasteyev-state-museum-of-arts",
        "facts": "International exhibition of the best works of the finalists of the Sheber competition.",
        "participants": ["Bota Zemelkhan", "Aigul Turalieva", "Dulat Ashimov"],
        "source": QAZAQCULTURE,
    },
    {
        "name": "Soul of Tengri",
        "kind": "exhibition",
        "year": 2019,
        "city": "Washington, D.C.",
        "facts": "Ikramzhan Rafikov took part alongside eight other Kazakh jewellers.",
        "participants": ["Ikramzhan Rafikov"],
        "source": ASTANA_TIMES,
    },
    {
        "name": "AlmaFest",
        "kind": "festival",
        "facts": "Open-air festival built around the apple, symbol of the city; music, folk art and gastronomy.",
        "source": CITIES_OF_MUSIC,
    },
    {
        "name": "Colisium International Music Conference",
        "kind": "conference",
        "facts": "Forum on the concert industry hosted by Almaty.",
        "source": CITIES_OF_MUSIC,
    },
]
