"""Seed the reference data of the case pages with documented defaults (docs/referentiedata.md).

Idempotent: every row is written with update_or_create on its natural key, so running the
migration again (or on a database where a fixture already made a row) gives the same result.
A beheerder maintains the data afterwards in the admin; prices get a new row with a later
"geldig vanaf" instead of being changed.
"""

import datetime
from decimal import Decimal

from django.db import migrations

LEEFGEBIEDEN = [
    # code, naam
    ("wonen", "Wonen"),
    ("financien", "Financiën en schulden"),
    ("inkomen", "Inkomen"),
    ("gezondheid", "Gezondheid en GGZ"),
    ("jeugd", "Opvoeden en jeugd"),
    ("onderwijs", "Onderwijs"),
    ("werk", "Werk"),
    ("veiligheid", "Veiligheid"),
]

GELDSTROMEN = [
    ("wmo", "Wmo"),
    ("jeugdwet", "Jeugdwet"),
    ("participatiewet", "Participatiewet"),
    ("schuldhulp", "Schuldhulp"),
    ("wlz", "Wlz"),
    ("zvw", "Zvw"),
    ("wonen", "Wonen"),
    ("veiligheid", "Veiligheid en justitie"),
    ("onderwijs", "Onderwijs"),
    ("overig", "Overig"),
]

GEMEENTELIJK, LOKAAL, LANDELIJK = "gemeentelijk", "lokaal", "landelijk"

ORGANISATIES = [
    ("Gemeente – Wmo", GEMEENTELIJK),
    ("Gemeente – Jeugd", GEMEENTELIJK),
    ("Gemeente – Participatie, werk en inkomen", GEMEENTELIJK),
    ("Gemeente – Schuldhulpverlening", GEMEENTELIJK),
    ("Gemeente – Wonen", GEMEENTELIJK),
    ("Gemeente – Leerplicht en leerlingenvervoer", GEMEENTELIJK),
    ("Wijkteam / sociaal team", GEMEENTELIJK),
    ("Woningcorporatie", LOKAAL),
    ("Zorgverzekeraar", LOKAAL),
    ("Kredietbank", LOKAAL),
    ("ISD (intergemeentelijke sociale dienst)", LOKAAL),
    ("GGZ-instelling", LOKAAL),
    ("Maatschappelijke opvang", LOKAAL),
    ("Energieleverancier", LOKAAL),
    ("Waterbedrijf", LOKAAL),
    ("Huisarts / POH-GGZ", LOKAAL),
    ("Veilig Thuis", LOKAAL),
    ("School / samenwerkingsverband passend onderwijs", LOKAAL),
    ("Gecertificeerde instelling (jeugdbescherming)", LOKAAL),
    ("Beschermingsbewindvoerder", LOKAAL),
    ("Belastingdienst", LANDELIJK),
    ("Dienst Toeslagen", LANDELIJK),
    ("Uitvoeringsorganisatie Herstel Toeslagen (UHT)", LANDELIJK),
    ("CAK", LANDELIJK),
    ("CJIB", LANDELIJK),
    ("DUO", LANDELIJK),
    ("IND", LANDELIJK),
    ("SVB", LANDELIJK),
    ("UWV", LANDELIJK),
    ("LBIO", LANDELIJK),
    ("Raad voor de Kinderbescherming", LANDELIJK),
]

PW = "Participatiewet"
PW_BRON = "https://wetten.overheid.nl/BWBR0015703"
WMO = "Wet maatschappelijke ondersteuning 2015"
WMO_BRON = "https://wetten.overheid.nl/BWBR0035362"
AWB = "Algemene wet bestuursrecht"
AWB_BRON = "https://wetten.overheid.nl/BWBR0005537"

GRONDSLAGEN = [
    # wet, artikel, soort, toelichting, bron
    (
        PW,
        "16",
        "hardheidsclausule",
        "Het college kan bijstand verlenen aan iemand die volgens de wet geen recht op bijstand "
        "heeft, als zeer dringende redenen daartoe noodzaken. Helpt bij een acute noodsituatie "
        "die op geen andere manier te verhelpen is en waarin de gewone regels tot een "
        "onaanvaardbare uitkomst leiden. De toets is streng en vraagt een zorgvuldige motivering; "
        "het artikel geldt niet voor vreemdelingen zonder rechtmatig verblijf (tweede lid).",
        PW_BRON,
    ),
    (
        PW,
        "18, eerste lid",
        "maatwerkbepaling",
        "Het college stemt de bijstand en de verplichtingen die eraan verbonden zijn af op de "
        "omstandigheden, mogelijkheden en middelen van de belanghebbende. Grondslag om bijstand "
        "op maat te maken, bijvoorbeeld door de bijstand over een andere periode vast te stellen "
        "of te betalen (artikel 45, tweede lid) of verplichtingen aan te passen aan wat het "
        "huishouden op dit moment aankan.",
        PW_BRON,
    ),
    (
        PW,
        "35",
        "maatwerkbepaling",
        "Bijzondere bijstand voor noodzakelijke kosten die voortkomen uit bijzondere "
        "omstandigheden en die niet uit de bijstandsnorm, het inkomen of het vermogen betaald "
        "kunnen worden. Staat ook open voor mensen met een laag inkomen zonder "
        "bijstandsuitkering. Helpt bij kosten die nergens anders onder vallen, zoals de "
        "beloning van een beschermingsbewindvoerder; een toereikende voorliggende voorziening "
        "gaat voor (artikel 15).",
        PW_BRON,
    ),
    (
        PW,
        "48, tweede lid",
        "bevoegdheid",
        "Bijstand kan worden verleend als geldlening of borgtocht, onder meer als de "
        "belanghebbende op korte termijn weer over voldoende middelen beschikt, voor een "
        "waarborgsom, of als het gaat om aflossing van een schuldenlast. Helpt om voor te "
        "financieren of een periode te overbruggen zonder een gift te doen: het geld komt terug.",
        PW_BRON,
    ),
    (
        PW,
        "49",
        "afwijkingsbevoegdheid",
        "In afwijking van de uitsluiting van bijstand voor het aflossen van schulden (artikel 13, "
        "eerste lid, onderdeel g) kan het college bijzondere bijstand verlenen als borgtocht, "
        "zodat een saneringskrediet van de kredietbank alsnog doorgaat, of bij zeer dringende "
        "redenen op een andere manier. Helpt een schuldregeling rond te krijgen die op een "
        "tekort dreigt te stranden.",
        PW_BRON,
    ),
    (
        PW,
        "52, derde lid",
        "bevoegdheid",
        "Het college mag bijzondere bijstand bij wijze van voorschot verlenen als renteloze "
        "lening. (Algemene bijstand moet volgens het eerste lid binnen vier weken na de aanvraag "
        "als voorschot worden betaald zolang het recht nog niet is vastgesteld.) Helpt een "
        "huishouden te overbruggen terwijl een besluit of een uitkering van een andere instantie "
        "op zich laat wachten.",
        PW_BRON,
    ),
    (
        WMO,
        "2.3.5",
        "maatwerkbepaling",
        "Het college beslist op een aanvraag om een maatwerkvoorziening, rekening houdend met "
        "de uitkomsten van het onderzoek naar de persoonlijke situatie. De voorziening "
        "compenseert beperkingen in zelfredzaamheid en participatie voor zover de inwoner die "
        "niet op eigen kracht, met mantelzorg, het netwerk of algemene voorzieningen kan "
        "oplossen, en wordt afgestemd op zorg, jeugdhulp, onderwijs, werk en inkomen. Helpt om "
        "een oplossing te onderbouwen die niet in een standaardproduct past.",
        WMO_BRON,
    ),
    (
        WMO,
        "2.3.6",
        "maatwerkbepaling",
        "Als de cliënt dat wil en het verantwoord kan, wordt de maatwerkvoorziening als "
        "persoonsgebonden budget verstrekt. Bij verordening kan worden geregeld onder welke "
        "voorwaarden ondersteuning door iemand uit het sociale netwerk met het pgb wordt "
        "betaald. Helpt als de passende hulp, bijvoorbeeld een vertrouwde persoon, niet via een "
        "gecontracteerde aanbieder te krijgen is.",
        WMO_BRON,
    ),
    (
        "Jeugdwet",
        "2.3",
        "maatwerkbepaling",
        "Als een jeugdige of ouder jeugdhulp nodig heeft en de eigen mogelijkheden tekortschieten, "
        "treft het college de aangewezen voorziening, rekening houdend met de behoeften en "
        "persoonskenmerken van jeugdige en ouders. Dit omvat zo nodig vervoer naar de jeugdhulp; "
        "bij een uithuisplaatsing gaat plaatsing bij pleegouders of in een gezinshuis voor. "
        "Helpt om jeugdhulp op maat in te zetten, ook in een vorm die niet in het standaardaanbod "
        "zit.",
        "https://wetten.overheid.nl/BWBR0034925",
    ),
    (
        AWB,
        "3:4",
        "maatwerkbepaling",
        "Het bestuursorgaan weegt de rechtstreeks betrokken belangen af, en de nadelige gevolgen "
        "van een besluit mogen niet onevenredig zijn in verhouding tot het doel ervan "
        "(evenredigheidsbeginsel). Helpt bij elk besluit waarin strikte toepassing van een regel "
        "een huishouden onevenredig hard raakt: dan is maatwerk met een motivering nodig.",
        AWB_BRON,
    ),
    (
        AWB,
        "4:81",
        "bevoegdheid",
        "Een bestuursorgaan kan beleidsregels vaststellen over een bevoegdheid die het zelf heeft "
        "of die het heeft gedelegeerd. Helpt om een oplossing die steeds opnieuw nodig blijkt "
        "(een patroon) structureel te regelen in een nieuwe of aangepaste beleidsregel, zodat "
        "maatwerk geen uitzondering meer hoeft te zijn.",
        AWB_BRON,
    ),
    (
        AWB,
        "4:84",
        "afwijkingsbevoegdheid",
        "Het bestuursorgaan handelt volgens de beleidsregel, tenzij dat voor een belanghebbende "
        "gevolgen heeft die door bijzondere omstandigheden onevenredig zijn in verhouding tot het "
        "doel van de beleidsregel (inherente afwijkingsbevoegdheid). Alle omstandigheden van het "
        "geval tellen mee (ABRvS 26 oktober 2016, ECLI:NL:RVS:2016:2840). Helpt om af te wijken "
        "van gemeentelijke beleidsregels, niet van de wet zelf.",
        AWB_BRON,
    ),
    (
        "Wet gemeentelijke schuldhulpverlening",
        "3",
        "bevoegdheid",
        "Het college is verantwoordelijk voor de schuldhulpverlening aan zijn inwoners. De wet "
        "noemt gronden waarop het college schuldhulp kán weigeren, zoals eerdere schuldhulp of "
        "fraude met een onherroepelijke sanctie; weigeren is een bevoegdheid, geen plicht. Helpt "
        "om iemand met schulden toch toe te laten. Bij een dreigende ontruiming, afsluiting van "
        "energie of water of opzegging van de zorgverzekering vindt het eerste gesprek binnen "
        "drie werkdagen plaats (artikel 4).",
        "https://wetten.overheid.nl/BWBR0031331",
    ),
    (
        "Huisvestingswet 2014",
        "12",
        "bevoegdheid",
        "De gemeenteraad kan in de huisvestingsverordening regelen dat woningzoekenden voor wie "
        "woonruimte dringend noodzakelijk is met voorrang een woning krijgen (urgentie), met "
        "criteria per urgentiecategorie. Wie uit de opvang na relatieproblemen of geweld komt, "
        "of mantelzorg geeft of ontvangt, hoort daar in ieder geval bij. Helpt om via de "
        "urgentieregeling een woning te vinden voor een huishouden dat dakloos dreigt te raken.",
        "https://wetten.overheid.nl/BWBR0035303",
    ),
]

GEMEENTE, CORPORATIE, ZORGVERZEKERAAR, RIJK, OVERIG = (
    "gemeente",
    "woningcorporatie",
    "zorgverzekeraar",
    "rijk",
    "overig",
)

EENHEID_NORM = "per maand, netto incl. vakantietoeslag"
VELSEN_2024 = (
    "Normbedragen Participatiewet per 1 juli 2024, gemeente Velsen. "
    "https://velsen.nl/bijstandsnormen-per-1-juli-2024"
)
WESTLAND_2025 = (
    "Normbedragen Participatiewet per 1 januari 2025, gemeente Westland. https://www."
    "gemeentewestland.nl/aanvragen-en-regelen/toeslagen-vergoedingen-en-bijdragen/"
    "normenoverzicht-minimuminkomen-voor-de-bijzondere-bijstand"
)
EENVANDAAG_2025 = (
    "https://eenvandaag.avrotros.nl/artikelen/daklozen-zijn-een-van-duurste-bevolkingsgroepen-"
    "voor-overheid-maar-dat-hoeft-niet-zorg-wordt-pas-ingezet-als-het-misgaat-162301"
)

PRIJZEN = [
    # item, eenheid, prijs, geldstroom, betaler, bron, prijsjaar, geldig_vanaf
    (
        "Huisuitzetting: kosten voor de verhuurder",
        "per uitzetting",
        "5000.00",
        "wonen",
        CORPORATIE,
        "Stichting Eropaf!, Quickscan versterken preventie huisuitzettingen (2014): gemiddeld "
        "€ 5.000–10.000 per uitzetting; hier de ondergrens. https://eropaf.nl/index.php/2014/10/"
        "30/quickscan-versterken-preventie-huisuitzettingen/",
        2014,
        datetime.date(2014, 1, 1),
    ),
    (
        "Huisuitzetting: maatschappelijke kosten over meerdere jaren (raming)",
        "per uitzetting",
        "100000.00",
        "overig",
        OVERIG,
        "Raming woningcorporatie Stadlander o.b.v. masterthesis (2015), in BN DeStem (2017). "
        "https://www.bndestem.nl/bergen-op-zoom/huisuitzettingen-kosten-samenleving-miljoenen-en-"
        "lossen-niets-op~a79243d8/",
        2015,
        datetime.date(2015, 1, 1),
    ),
    (
        "Maatschappelijke opvang: plek in de opvang",
        "per persoon per jaar",
        "15000.00",
        "wmo",
        GEMEENTE,
        "N. Boesveldt (VU) in EenVandaag, 23-12-2025: een plek in de opvang kost al gauw "
        "€ 15.000 per jaar. " + EENVANDAAG_2025,
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Dakloosheid: maatschappelijke kosten (ondergrens)",
        "per persoon per jaar",
        "30000.00",
        "overig",
        OVERIG,
        "M. van Tongerloo (straatarts) in EenVandaag, 23-12-2025: € 30.000–85.000 per jaar. "
        + EENVANDAAG_2025,
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Bijstand: norm alleenstaande, 21 jaar tot AOW-leeftijd",
        EENHEID_NORM,
        "1308.45",
        "participatiewet",
        GEMEENTE,
        VELSEN_2024,
        2024,
        datetime.date(2024, 7, 1),
    ),
    (
        "Bijstand: norm alleenstaande, 21 jaar tot AOW-leeftijd",
        EENHEID_NORM,
        "1345.45",
        "participatiewet",
        GEMEENTE,
        WESTLAND_2025,
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Bijstand: norm gehuwden, beiden 21 jaar tot AOW-leeftijd",
        EENHEID_NORM,
        "1869.21",
        "participatiewet",
        GEMEENTE,
        VELSEN_2024,
        2024,
        datetime.date(2024, 7, 1),
    ),
    (
        "Bijstand: norm gehuwden, beiden 21 jaar tot AOW-leeftijd",
        EENHEID_NORM,
        "1922.07",
        "participatiewet",
        GEMEENTE,
        WESTLAND_2025,
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Pleegvergoeding: basisbedrag pleegkind 0 t/m 8 jaar",
        "per dag",
        "18.43",
        "jeugdwet",
        GEMEENTE,
        "Pleegvergoeding per 1 januari 2019, vastgesteld door VWS (William Schrikker "
        "Pleegzorg). https://www.williamschrikker.nl/Pleegzorg/Financi%C3%ABle-informatie",
        2019,
        datetime.date(2019, 1, 1),
    ),
    (
        "Pleegvergoeding: basisbedrag pleegkind 0 t/m 8 jaar",
        "per dag",
        "19.23",
        "jeugdwet",
        GEMEENTE,
        "Basisbedragen pleegvergoeding 2021, Nederlandse Vereniging voor Pleeggezinnen. "
        "https://www.denvp.nl/geldzaken/faq",
        2021,
        datetime.date(2021, 1, 1),
    ),
    (
        "Jeugdhulp met verblijf (residentieel)",
        "per jeugdige per jaar",
        "50000.00",
        "jeugdwet",
        GEMEENTE,
        "Deloitte, State of the State: residentiële jeugdzorg en woningmarkt (CBS-cijfers 2019): "
        "kosten kunnen oplopen tot meer dan € 50.000 per jaar. https://www2.deloitte.com/nl/nl/"
        "pages/publieke-sector/articles/sots-onderzoek-residentiele-jeugdzorg-en-woningmarkt.html",
        2019,
        datetime.date(2019, 1, 1),
    ),
    (
        "Leerlingenvervoer: gemiddelde vervoerskosten",
        "per leerling per jaar",
        "3272.00",
        "onderwijs",
        GEMEENTE,
        "Oberon, Monitor leerlingenvervoer, meting 2022 (kosten 2021). "
        "https://issuu.com/oberononderzoekadvies/docs/monitor_leerlingenvervoer_2022",
        2021,
        datetime.date(2022, 1, 1),
    ),
    (
        "Leerlingenvervoer: gemiddelde vervoerskosten",
        "per leerling per jaar",
        "3978.00",
        "onderwijs",
        GEMEENTE,
        "Oberon, Monitor leerlingenvervoer, meting 2024 (schooljaar 2023/24). "
        "https://issuu.com/oberononderzoekadvies/docs/monitor_leerlingenvervoer_2024",
        2023,
        datetime.date(2024, 1, 1),
    ),
    (
        "Kinderopvang: maximum uurprijs dagopvang (kinderopvangtoeslag)",
        "per uur",
        "10.71",
        "overig",
        RIJK,
        "Ministerie van SZW, maximum uurprijzen kinderopvangtoeslag 2025. https://kinderopvang-"
        "wijzer.nl/maximum-uurtarief-kinderopvangtoeslag-2025-definitief-vastgesteld",
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Beschermingsbewind: jaarbeloning professionele bewindvoerder",
        "per jaar, excl. btw",
        "1320.00",
        "participatiewet",
        GEMEENTE,
        "Rijksoverheid, jaarbeloning 2024 (Regeling beloning curatoren, bewindvoerders en "
        "mentoren); zonder draagkracht via bijzondere bijstand. https://www.rijksoverheid.nl/"
        "onderwerpen/curatele-bewind-en-mentorschap",
        2024,
        datetime.date(2024, 1, 1),
    ),
    (
        "Zorgverzekering: verplicht eigen risico",
        "per verzekerde per jaar",
        "385.00",
        "zvw",
        OVERIG,
        "CBS (2023): verplicht eigen risico Zvw € 385 sinds 2016; in 2025 ongewijzigd. https://"
        "www.cbs.nl/nl-nl/nieuws/2023/38/steeds-meer-mensen-met-stapeling-verplichte-eigen-"
        "betalingen-zorgkosten/verplicht-eigen-risico-zvw",
        2025,
        datetime.date(2025, 1, 1),
    ),
    (
        "Projectleider integrale samenwerking (pilot Weert)",
        "per uur",
        "72.50",
        "wmo",
        GEMEENTE,
        "Gemeente Weert, collegebesluit pilot integrale samenwerking (2016): 48 weken × 8 uur × "
        "€ 72,50, ten laste van Wmo-begeleiding (seeds/002).",
        2016,
        datetime.date(2016, 1, 1),
    ),
    (
        "OMO-functionaris (pilot Landgraaf)",
        "per jaar",
        "59000.00",
        "overig",
        GEMEENTE,
        "Gemeente Landgraaf, plan van aanpak OMO-functionaris en escalatieroute 2023–2025: "
        "begroting € 59.000 per jaar (seeds/000).",
        2023,
        datetime.date(2023, 1, 1),
    ),
]


def seed(apps, schema_editor):
    Leefgebied = apps.get_model("casussen", "Leefgebied")
    Geldstroom = apps.get_model("casussen", "Geldstroom")
    Organisatie = apps.get_model("casussen", "Organisatie")
    WettelijkeGrondslag = apps.get_model("casussen", "WettelijkeGrondslag")
    Prijs = apps.get_model("casussen", "Prijs")

    for volgorde, (code, naam) in enumerate(LEEFGEBIEDEN, start=1):
        Leefgebied.objects.update_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde, "actief": True}
        )
    stromen = {}
    for volgorde, (code, naam) in enumerate(GELDSTROMEN, start=1):
        stromen[code], _created = Geldstroom.objects.update_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde, "actief": True}
        )
    for naam, soort in ORGANISATIES:
        Organisatie.objects.update_or_create(naam=naam, defaults={"soort": soort, "actief": True})
    for wet, artikel, soort, toelichting, bron in GRONDSLAGEN:
        WettelijkeGrondslag.objects.update_or_create(
            wet=wet,
            artikel=artikel,
            defaults={"soort": soort, "toelichting": toelichting, "bron": bron, "actief": True},
        )
    for item, eenheid, prijs, stroom, betaler, bron, prijsjaar, vanaf in PRIJZEN:
        Prijs.objects.update_or_create(
            item=item,
            geldig_vanaf=vanaf,
            defaults={
                "eenheid": eenheid,
                "prijs": Decimal(prijs),
                "geldstroom": stromen[stroom],
                "betaler": betaler,
                "bron": bron,
                "prijsjaar": prijsjaar,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("casussen", "0002_rollen")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
