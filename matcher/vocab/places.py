"""Words of place answers that are no municipality's name: regions, districts, short forms,
postal areas, places abroad and the words around a place ("asun", "near", "i", "area").

:mod:`matcher.places` reads an answer with these tables and the municipality table; here they are
plain data, each with where it comes from. Names are as people write them; the reader folds case
and diacritics and reads Finnish case forms of every name here by the same grammar as the
municipalities' ("Pirkanmaalla", "Hervannassa", "Tukholmassa").

Sources
-------
Regions: the 19 regions (maakunnat / landskap) of ``matcher/data/municipalities.csv`` with their
English names as the Regional Councils write them, each read as its regional centre
(maakuntakeskus), the municipality the region's council sits in. Districts: written by hand from
the district (kaupunginosa / stadsdel) names on the six largest cities' own district maps
(Helsinki, Espoo, Tampere, Vantaa, Oulu, Turku), the Swedish name beside where the city uses one,
and the former municipalities merged into Oulu in 2013. Postal areas: Posti's numbering, the first
digits of a postal code naming its area (``00`` Helsinki, ``33`` Tampere), written by hand for the
centres of the regions; a code of a centre's surroundings reads as the centre, near enough for
who can meet whom.

>>> REGION_CENTRES["Pirkanmaa"], DISTRICTS["Hervanta"], SHORT_FORMS["jkl"]
('Tampere', 'Tampere', 'Jyväskylä')
"""

from __future__ import annotations

#: region (Finnish name, as in the municipality table) -> its centre
REGION_CENTRES = {
    "Uusimaa": "Helsinki", "Varsinais-Suomi": "Turku", "Satakunta": "Pori",
    "Kanta-Häme": "Hämeenlinna", "Pirkanmaa": "Tampere", "Päijät-Häme": "Lahti",
    "Kymenlaakso": "Kouvola", "Etelä-Karjala": "Lappeenranta", "Etelä-Savo": "Mikkeli",
    "Pohjois-Savo": "Kuopio", "Pohjois-Karjala": "Joensuu", "Keski-Suomi": "Jyväskylä",
    "Etelä-Pohjanmaa": "Seinäjoki", "Pohjanmaa": "Vaasa", "Keski-Pohjanmaa": "Kokkola",
    "Pohjois-Pohjanmaa": "Oulu", "Kainuu": "Kajaani", "Lappi": "Rovaniemi",
    "Ahvenanmaa": "Maarianhamina",
}
#: regions' English names (the Swedish ones are in the municipality table)
REGION_ENGLISH = {
    "Varsinais-Suomi": ("Southwest Finland", "Finland Proper"),
    "Kanta-Häme": ("Tavastia Proper",), "Päijät-Häme": ("Päijänne Tavastia",),
    "Etelä-Karjala": ("South Karelia",), "Etelä-Savo": ("South Savo",),
    "Pohjois-Savo": ("North Savo", "Northern Savonia"),
    "Pohjois-Karjala": ("North Karelia",), "Keski-Suomi": ("Central Finland",),
    "Etelä-Pohjanmaa": ("South Ostrobothnia",), "Pohjanmaa": ("Ostrobothnia",),
    "Keski-Pohjanmaa": ("Central Ostrobothnia",),
    "Pohjois-Pohjanmaa": ("North Ostrobothnia", "Northern Ostrobothnia"),
    "Lappi": ("Lapland",), "Ahvenanmaa": ("Åland", "Aland Islands"),
}
#: names of the capital region as a whole and of a city's surroundings (read as the city)
CAPITAL_REGION = ("pääkaupunkiseutu", "pk-seutu", "capital region", "capital area",
                  "greater helsinki", "helsinki metropolitan area", "metropolitan area",
                  "huvudstadsregionen", "huvudstadsområdet", "storhelsingfors")
#: a city's short forms and nicknames as people write them
SHORT_FORMS = {
    "hki": "Helsinki", "hesa": "Helsinki", "stadi": "Helsinki", "hgin": "Helsinki",
    "hfors": "Helsinki", "tre": "Tampere", "tampsa": "Tampere", "mansesteri": "Tampere",
    "manse": "Tampere", "jkl": "Jyväskylä", "jyväs": "Jyväskylä", "tku": "Turku",
    "lpr": "Lappeenranta", "hml": "Hämeenlinna", "sjk": "Seinäjoki", "rollo": "Rovaniemi",
    "kpo": "Kuopio", "vnt": "Vantaa",
}
#: districts of the six largest cities -> the city (Swedish names where the city has them)
_DISTRICTS_BY_CITY = {
    "Helsinki": (
        "Kallio", "Berghäll", "Töölö", "Tölö", "Etu-Töölö", "Taka-Töölö", "Kamppi", "Kampen",
        "Punavuori", "Rödbergen", "Kruununhaka", "Kronohagen", "Ullanlinna", "Ulrikasborg",
        "Eira", "Kaivopuisto", "Katajanokka", "Skatudden", "Kluuvi", "Kaartinkaupunki",
        "Hakaniemi", "Hagnäs", "Sörnäinen", "Sörnäs", "Vallila", "Vallgård", "Pasila", "Böle",
        "Kalasatama", "Fiskehamnen", "Arabianranta", "Kumpula", "Gumtäkt", "Käpylä", "Kottby",
        "Koskela", "Oulunkylä", "Åggelby", "Maunula", "Månsas", "Pakila", "Malmi", "Malm",
        "Tapanila", "Mosabacka", "Pukinmäki", "Bocksbacka", "Suutarila", "Tapaninkylä",
        "Siltamäki", "Paloheinä", "Viikki", "Vik", "Herttoniemi", "Hertonäs", "Laajasalo",
        "Degerö", "Itäkeskus", "Östra centrum", "Vuosaari", "Nordsjö", "Kontula",
        "Gårdsbacka", "Mellunmäki", "Mellungsbacka", "Myllypuro", "Kvarnbäcken", "Puotila",
        "Roihuvuori", "Vartiokylä", "Jakomäki", "Kivikko", "Munkkiniemi", "Munksnäs",
        "Lauttasaari", "Drumsö", "Ruoholahti", "Gräsviken", "Jätkäsaari", "Busholmen",
        "Meilahti", "Mejlans", "Haaga", "Pitäjänmäki", "Sockenbacka", "Kannelmäki",
        "Malminkartano", "Konala", "Kaarela", "Kårböle", "Pihlajamäki", "Kontulankaari",
        "Kruunuvuorenranta", "Östersundom"),
    "Espoo": (
        "Leppävaara", "Alberga", "Tapiola", "Hagalund", "Otaniemi", "Otnäs", "Matinkylä",
        "Mattby", "Olari", "Olars", "Espoon keskus", "Esbo centrum", "Espoonlahti",
        "Esboviken", "Kauklahti", "Köklax", "Kivenlahti", "Stensvik", "Soukka", "Sökö",
        "Niittykumpu", "Ängskulla", "Westend", "Laajalahti", "Bredvik", "Kilo", "Karakallio",
        "Karabacka", "Viherlaakso", "Gröndal", "Suurpelto", "Storåkern", "Keilaniemi",
        "Kägeludden", "Haukilahti", "Gäddvik", "Perkkaa", "Perkala", "Saunalahti", "Bastvik",
        "Kalajärvi", "Lippajärvi", "Nöykkiö", "Nöykis", "Kuitinmäki", "Iivisniemi", "Kera",
        "Mankkaa", "Mankby", "Kirkkojärvi", "Latokaskinen", "Finnoo"),
    "Vantaa": (
        "Tikkurila", "Dickursby", "Myyrmäki", "Myrbacka", "Korso", "Hakunila", "Håkansböle",
        "Koivukylä", "Björkby", "Martinlaakso", "Mårtensdal", "Aviapolis", "Kivistö",
        "Hiekkaharju", "Sandkulla", "Rekola", "Räckhals", "Vantaankoski", "Vandaforsen",
        "Pakkala", "Backas", "Louhela", "Klippsta", "Simonkylä", "Simonsby", "Jokiniemi",
        "Kaivoksela", "Gruvsta", "Leinelä", "Koivuhaka", "Björkhagen", "Ylästö", "Asola",
        "Pähkinärinne", "Hasselbacken", "Vaarala", "Länsimäki", "Västerkulla", "Ruskeasanta",
        "Vapaala", "Varisto", "Havukoski", "Päiväkumpu", "Kartanonkoski", "Viertola"),
    "Tampere": (
        "Hervanta", "Kaleva", "Pispala", "Amuri", "Nekala", "Lielahti", "Tesoma",
        "Lentävänniemi", "Hatanpää", "Härmälä", "Peltolammi", "Multisilta", "Vuores",
        "Kaukajärvi", "Annala", "Leinola", "Linnainmaa", "Messukylä", "Takahuhti", "Atala",
        "Tampella", "Pyynikki", "Kissanmaa", "Petsamo", "Lamminpää", "Rahola", "Hyhky",
        "Järvensivu", "Viinikka", "Epilä", "Kalkku", "Hallila", "Ruotula", "Hakametsä",
        "Tohloppi", "Kämmenniemi", "Teisko", "Santalahti", "Ranta-Tampella", "Hiedanranta",
        "Olkahinen", "Kalevanharju", "Haukiluoma", "Koivistonkylä"),
    "Oulu": (
        "Tuira", "Toppila", "Rajakylä", "Kaukovainio", "Kaijonharju", "Linnanmaa",
        "Pateniemi", "Kastelli", "Kontinkangas", "Höyhtyä", "Hiukkavaara", "Myllyoja",
        "Haukipudas", "Kiiminki", "Oulunsalo", "Ylikiiminki", "Yli-Ii", "Ritaharju",
        "Karjasilta", "Raksila", "Välivainio", "Heinäpää", "Maikkula", "Hintta",
        "Metsokangas", "Herukka", "Pikisaari", "Intiö", "Hiironen", "Korvensuora",
        "Kello", "Jääli", "Kaakkuri", "Nokela", "Pyykösjärvi", "Peltola", "Koskela"),
    "Turku": (
        "Hirvensalo", "Varissuo", "Kråkkärret", "Runosmäki", "Runosbacken", "Nummi",
        "Nummis", "Skanssi", "Kupittaa", "Kuppis", "Martti", "Port Arthur", "Ilpoinen",
        "Ilpois", "Pansio", "Raunistula", "Halinen", "Uittamo", "Kerttuli", "Itäharju",
        "Österås", "Pääskyvuori", "Svalberga", "Jyrkkälä", "Luolavuori", "Lauste",
        "Vähäheikkilä", "Moikoinen", "Katariina", "Ruissalo", "Runsala", "Härkämäki",
        "Kurala", "Kohmo", "Kähäri", "Hepokulta", "Mälikkälä", "Impivaara",
        "Vasaramäki", "Mäntymäki", "Teräsrautela", "Paattinen", "Yli-Maaria", "Maaria",
        "Turun keskusta", "Åbo centrum"),
}
#: district -> its city; a district two cities share ("Koskela") is none, and one named like a
#: municipality (Tampere's Tammela) is left out: the municipality is meant
DISTRICTS = {d: c for c, ds in _DISTRICTS_BY_CITY.items() for d in ds
             if sum(d in other for other in _DISTRICTS_BY_CITY.values()) == 1}
#: a postal code's first digits -> the municipality of that postal area (longest prefix wins)
POSTAL_AREAS = {
    "00": "Helsinki", "01": "Vantaa", "018": "Nurmijärvi", "019": "Nurmijärvi",
    "02": "Espoo", "027": "Kauniainen", "024": "Kirkkonummi", "042": "Kerava",
    "043": "Tuusula", "044": "Järvenpää", "058": "Hyvinkää", "059": "Hyvinkää",
    "061": "Porvoo", "13": "Hämeenlinna", "15": "Lahti", "20": "Turku", "212": "Raisio",
    "221": "Maarianhamina", "28": "Pori", "33": "Tampere", "40": "Jyväskylä",
    "45": "Kouvola", "48": "Kotka", "50": "Mikkeli", "53": "Lappeenranta", "60": "Seinäjoki",
    "65": "Vaasa", "67": "Kokkola", "70": "Kuopio", "80": "Joensuu", "87": "Kajaani",
    "90": "Oulu", "96": "Rovaniemi",
}
#: places abroad: "abroad" in the three languages, countries and large cities near Finland
#: or where many newcomers come from, in English, Finnish and Swedish
ABROAD = (
    "abroad", "overseas", "outside finland", "not in finland", "ulkomailla", "ulkomaat",
    "ulkomaa", "ulkomailta", "utomlands", "utanför finland",
    "sweden", "ruotsi", "sverige", "estonia", "viro", "eesti", "estland", "norway", "norja",
    "norge", "denmark", "tanska", "danmark", "germany", "saksa", "tyskland", "poland", "puola",
    "polen", "russia", "venäjä", "ryssland", "ukraine", "ukraina", "spain", "espanja",
    "spanien", "france", "ranska", "frankrike", "italy", "italia", "italien",
    "united kingdom", "uk", "england", "englanti", "britannia", "storbritannien",
    "netherlands", "alankomaat", "hollanti", "nederländerna", "usa", "united states",
    "yhdysvallat", "canada", "kanada", "india", "intia", "indien", "china", "kiina", "kina",
    "turkey", "turkki", "turkiet", "iraq", "irak", "syria", "syyria", "syrien", "somalia",
    "afghanistan", "iran", "nigeria", "kenya", "philippines", "filippiinit", "vietnam",
    "stockholm", "tukholma", "tallinn", "tallinna", "oslo", "copenhagen", "kööpenhamina",
    "köpenhamn", "berlin", "berliini", "london", "lontoo", "paris", "pariisi", "riga", "riika",
    "st petersburg", "saint petersburg", "pietari", "sankt petersburg", "moscow", "moskova",
    "moskva", "kyiv", "kiev", "kiova", "madrid", "amsterdam", "gothenburg", "göteborg",
    "gööteborg", "uppsala", "tartu", "dublin", "new york",
)
#: words around a place in an answer that name no place ("asun Espoossa", "near Turku",
#: "Helsinki area", "Finland"): an answer of only these and a place is that place
PLACE_FRAME_WORDS = frozenset({
    "i", "in", "at", "near", "around", "close", "to", "from", "live", "living", "lives",
    "based", "located", "area", "region", "city", "town", "centre", "center", "downtown",
    "finland", "suomi", "the", "of", "and", "or", "currently", "now", "moved", "moving",
    "asun", "asumme", "asuu", "asuinpaikka", "kaupunki", "kunta", "seutu", "seudulla",
    "alue", "alueella", "lähellä", "lahella", "keskusta", "keskustassa", "nykyään", "nyt",
    "tällä", "talla", "hetkellä", "hetkella", "ja", "tai", "bor", "jag", "vi", "nära", "nara",
    "stad", "kommun", "området", "omradet", "trakten", "centrum", "just", "nu", "och",
    "eller", "im", "m", "my", "home", "koti", "kotona", "hemma",
})
