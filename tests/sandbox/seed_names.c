/*
 * seed_names.c — word lists for the seed: names with å/ä/ö, places,
 * companies, application titles, journal notes and citizen messages of a
 * made-up Swedish municipality. All names and places are invented.
 */
#include "seed.h"

#define LIST(a) { a, (int)(sizeof(a) / sizeof((a)[0])) }

const struct seed_first seed_first_names[] = {
	{"Åsa", 'f'}, {"Märta", 'f'}, {"Ingrid", 'f'}, {"Sofia", 'f'},
	{"Elin", 'f'}, {"Maja", 'f'}, {"Ebba", 'f'}, {"Linnéa", 'f'},
	{"Agnes", 'f'}, {"Astrid", 'f'}, {"Sigrid", 'f'}, {"Ylva", 'f'},
	{"Birgitta", 'f'}, {"Ulla", 'f'}, {"Signe", 'f'}, {"Tove", 'f'},
	{"Lisa", 'f'}, {"Hanna", 'f'}, {"Frida", 'f'}, {"Matilda", 'f'},
	{"Malin", 'f'}, {"Helén", 'f'}, {"Gunnel", 'f'}, {"Solveig", 'f'},
	{"Åse", 'f'}, {"Britt-Marie", 'f'}, {"Ronja", 'f'}, {"Amira", 'f'},
	{"Leyla", 'f'}, {"Zeynep", 'f'}, {"Stina", 'f'}, {"Görel", 'f'},
	{"Björn", 'm'}, {"Göran", 'm'}, {"Örjan", 'm'}, {"Jörgen", 'm'},
	{"Sölve", 'm'}, {"Håkan", 'm'}, {"Åke", 'm'}, {"Sören", 'm'},
	{"Bengt", 'm'}, {"Mårten", 'm'}, {"Måns", 'm'}, {"Staffan", 'm'},
	{"Per-Åke", 'm'}, {"Lennart", 'm'}, {"Nils", 'm'}, {"Olle", 'm'},
	{"Gösta", 'm'}, {"Ove", 'm'}, {"Rasmus", 'm'}, {"Viktor", 'm'},
	{"Oskar", 'm'}, {"Hugo", 'm'}, {"Elias", 'm'}, {"Ali", 'm'},
	{"Omar", 'm'}, {"Yusuf", 'm'}, {"Torbjörn", 'm'}, {"Kjell", 'm'},
	{"Mats", 'm'}, {"Jöns", 'm'}, {"André", 'm'}, {"Mikael", 'm'},
};
const int seed_n_first_names =
	(int)(sizeof(seed_first_names) / sizeof(seed_first_names[0]));

static const char *const surnames[] = {
	"Öberg", "Åkesson", "Ström", "Sjöberg", "Söderberg", "Nyström",
	"Lindström", "Bergström", "Högberg", "Näslund", "Löfgren", "Hägglund",
	"Björklund", "Sjögren", "Åström", "Östlund", "Ångström", "Källström",
	"Dahlén", "Eriksson", "Johansson", "Karlsson", "Nilsson", "Andersson",
	"Larsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jönsson",
	"Månsson", "Håkansson", "Göransson", "Mårtensson", "Lundqvist",
	"Holmgren", "Berglund", "Wikström", "Sandström", "Lindgren",
	"Bäckström", "Åberg", "Öhman", "Törnqvist", "Fröberg", "Ekström",
	"Hellström", "Blomqvist", "Nordström", "Sundström", "Engström",
	"Lövgren", "Granström", "Kjellström", "Yilmaz", "Hassan", "Nguyen",
	"Kowalski", "Ahmadi", "Korhonen", "Virtanen", "Jovanovic", "Strömbäck",
	"Älvström",
};
const struct seed_list seed_surnames = LIST(surnames);

static const char *const streets[] = {
	"Storgatan", "Kyrkogatan", "Järnvägsgatan", "Skolgatan",
	"Drottninggatan", "Köpmangatan", "Östra Långgatan", "Västra vägen",
	"Sjögatan", "Ängsvägen", "Björkvägen", "Tallvägen", "Hamngatan",
	"Prästgårdsvägen", "Fältvägen", "Nygatan", "Torggatan", "Rönnvägen",
	"Åsvägen", "Bäckvägen", "Solgårdsgatan", "Trädgårdsgatan",
	"Kvarngatan", "Södra Esplanaden", "Norra Ringvägen", "Lövängsvägen",
	"Älvgatan", "Örnvägen", "Klöverstigen", "Gärdesvägen", "Tullgatan",
	"Smedjegatan",
};
const struct seed_list seed_streets = LIST(streets);

/* Town blocks (kvarter) and rural tracts for property designations. */
static const char *const blocks[] = {
	"Björken", "Eken", "Lönnen", "Hägern", "Tärnan", "Svalan", "Ärlan",
	"Öringen", "Gäddan", "Rådjuret", "Älgen", "Kråkan", "Måsen", "Göken",
	"Näktergalen", "Sälgen", "Rönnen", "Äpplet", "Päronet", "Vitsippan",
	"Blåklockan", "Smörblomman", "Humlan", "Ekorren",
};
const struct seed_list seed_blocks = LIST(blocks);

static const char *const tracts[] = {
	"Ängsbacka", "Lövsta", "Östanå", "Bränntorp", "Kvarnbäcken", "Högbo",
	"Mörtsjö", "Gränsbo", "Västansjö", "Hällby", "Söderby", "Åkerö",
};
const struct seed_list seed_tracts = LIST(tracts);

static const char *const shore_tracts[] = {
	"Sjövik", "Strömsnäs", "Björkö", "Tjärnäs", "Hällsjö", "Skärvik",
	"Näsby", "Ålsta", "Sandvik", "Lillsjön",
};
const struct seed_list seed_shore_tracts = LIST(shore_tracts);

static const char *const preschools[] = {
	"Solgläntans förskola", "Förskolan Ekorren", "Björkhagens förskola",
	"Förskolan Trollskogen", "Ängsbackens förskola", "Förskolan Blåklockan",
	"Lönnens förskola", "Förskolan Måsen", "Sjöviks förskola",
	"Förskolan Äventyret",
};
const struct seed_list seed_preschools = LIST(preschools);

static const char *const restaurants[] = {
	"Restaurang Ängen", "Café Björk", "Krogen Hörnet", "Bistro Älvkanten",
	"Hotell Solåsen", "Sjöbodens kök", "Bar Näckrosen",
	"Kvarterskrogen Lönnen", "Pub Ölkällaren", "Trattoria Åstad",
	"Strandhugget", "Gästgivargården Högbo",
};
const struct seed_list seed_restaurants = LIST(restaurants);

static const char *const festivities[] = {
	"Sommarfest på Stortorget", "Kräftskiva i Folkets park",
	"Midsommarfirande vid Sjöängen", "Julmarknad på Kyrkogatan",
	"Musikfestival på Åsvallen", "Skördefest på Östanå gård",
	"Företagsmässa i sporthallen", "Bröllop på Hällby gård",
};
const struct seed_list seed_festivities = LIST(festivities);

static const char *const months[] = {
	"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december",
};
const struct seed_list seed_months = LIST(months);

/* 556/559 aktiebolag, 969 handelsbolag, 769 bostadsrättsförening,
 * 802 ideell förening. */
const struct seed_org seed_builders[] = {
	{"Ängsbacka Bygg AB", "556"}, {"Söderbergs Entreprenad AB", "556"},
	{"Fastighets AB Lönnen", "556"}, {"Brf Sjöutsikten", "769"},
	{"Östanå Gård AB", "556"}, {"Nordhems Fastigheter AB", "559"},
	{"Håkanssons Snickeri HB", "969"}, {"Villabyggarna i Åstad AB", "559"},
	{"Brf Tärnan", "769"}, {"Mälarstrandens Bostäder AB", "556"},
	{"Björkö Marina AB", "559"}, {"Ströms Måleri & Fasad AB", "556"},
};
const int seed_n_builders =
	(int)(sizeof(seed_builders) / sizeof(seed_builders[0]));

const struct seed_org seed_festival_orgs[] = {
	{"Föreningen Folkets park i Åstad", "802"},
	{"Åstads Idrottsförening", "802"},
	{"Hembygdsföreningen Gamla Åstad", "802"},
	{"Åstad Event & Möten AB", "559"},
};
const int seed_n_festival_orgs =
	(int)(sizeof(seed_festival_orgs) / sizeof(seed_festival_orgs[0]));

static const char *const bygglov_works[] = {
	"Nybyggnad av enbostadshus", "Tillbyggnad av enbostadshus",
	"Nybyggnad av garage", "Nybyggnad av carport",
	"Fasadändring, byte av fönster", "Rivning av ekonomibyggnad",
	"Nybyggnad av komplementbyggnad", "Installation av eldstad",
	"Ändrad användning från kontor till bostad",
	"Nybyggnad av flerbostadshus", "Uppförande av plank",
	"Inglasning av balkong", "Nybyggnad av fritidshus",
	"Marklov för schaktning", "Fasadskylt", "Tillbyggnad med uterum",
};
const struct seed_list seed_bygglov_works = LIST(bygglov_works);

static const char *const shore_works[] = {
	"Strandskyddsdispens för brygga", "Strandskyddsdispens för bastu",
	"Strandskyddsdispens för friggebod", "Strandskyddsdispens för båthus",
	"Strandskyddsdispens för tillbyggnad av fritidshus",
	"Strandskyddsdispens för badplats",
	"Strandskyddsdispens för staket",
};
const struct seed_list seed_shore_works = LIST(shore_works);

/* The first kind gets the month appended; the others stand alone. */
static const char *const eb_kinds[] = {
	"Ansökan om ekonomiskt bistånd", "Ansökan om nödbistånd",
	"Ansökan om bistånd till tandvård",
	"Ansökan om bistånd till hemutrustning",
	"Ansökan om bistånd till glasögon",
	"Ansökan om bistånd till hyresskuld",
};
const struct seed_list seed_eb_kinds = LIST(eb_kinds);

static const char *const preschool_kinds[] = {
	"Ansökan om förskoleplats", "Byte av förskola",
	"Ansökan om utökad vistelsetid", "Uppsägning av förskoleplats",
};
const struct seed_list seed_preschool_kinds = LIST(preschool_kinds);

static const char *const liquor_kinds[] = {
	"Stadigvarande serveringstillstånd", "Tillfälligt serveringstillstånd",
	"Utökad serveringstid", "Ändrad serveringsyta",
	"Serveringstillstånd för catering",
};
const struct seed_list seed_liquor_kinds = LIST(liquor_kinds);

static const char *const faults[] = {
	"Trasig gatubelysning", "Hål i vägen", "Klotter på busskur",
	"Nedfallet träd", "Igensatt dagvattenbrunn", "Trasig parkbänk",
	"Översvämmad gångtunnel", "Saknad vägskylt",
	"Skadad lekplatsutrustning", "Nedskräpning i park",
	"Halka på gångbana", "Ej snöröjt", "Trasigt trafikljus",
	"Skadat räcke", "Överfull papperskorg",
};
const struct seed_list seed_faults = LIST(faults);

static const char *const parking_kinds[] = {
	"Parkeringstillstånd för rörelsehindrad, förare",
	"Parkeringstillstånd för rörelsehindrad, passagerare",
	"Boendeparkering",
	"Förnyelse av parkeringstillstånd för rörelsehindrad",
};
const struct seed_list seed_parking_kinds = LIST(parking_kinds);

/* ---- documents a citizen attaches, per e-service ---- */
static const char *const att_bygg[] = {
	"Situationsplan.pdf", "Fasadritning.pdf", "Planritning.pdf",
	"Sektionsritning.pdf", "Förslag till kontrollplan.pdf",
	"Foto av tomten.jpg", "Nybyggnadskarta.pdf", "Teknisk beskrivning.txt",
};
static const char *const att_strand[] = {
	"Karta med markerat område.pdf", "Foto av stranden.jpg",
	"Beskrivning av åtgärden.txt", "Situationsplan.pdf",
};
static const char *const att_eb[] = {
	"Kontoutdrag.pdf", "Hyresavi.pdf", "Lönespecifikation.pdf",
	"Beslut från Försäkringskassan.pdf", "Hyreskontrakt.pdf", "Budget.txt",
};
static const char *const att_fsk[] = {
	"Arbetsgivarintyg.pdf", "Studieintyg.pdf", "Önskemål om förskola.txt",
};
static const char *const att_serv[] = {
	"Ritning över serveringsytan.pdf", "Meny.pdf", "Registreringsbevis.pdf",
	"Hyresavtal för lokalen.pdf", "Foto av lokalen.jpg",
	"Intyg om kunskapsprov.pdf",
};
static const char *const att_fel[] = {
	"Foto.jpg", "Foto 2.jpg", "Karta.pdf", "Beskrivning.txt",
};
static const char *const att_park[] = {
	"Läkarintyg.pdf", "Foto för tillståndskort.jpg",
	"Kopia av legitimation.pdf", "Namnteckning.jpg",
};
const struct seed_list seed_attachments[NSVC] = {
	LIST(att_bygg), LIST(att_strand), LIST(att_eb), LIST(att_fsk),
	LIST(att_serv), LIST(att_fel), LIST(att_park),
};

/* ---- journal notes ---- */
static const char *const notes_generic[] = {
	"Kontaktade sökanden per telefon. Kompletterande uppgifter skickas in "
	"senast nästa vecka.",
	"Begäran om komplettering skickad via Mina sidor.",
	"Komplettering inkommen, ärendet är nu komplett.",
	"Sökanden har ringt och frågat om handläggningstiden. Informerat om "
	"att beslut väntas inom fyra veckor.",
	"Ärendet har fördelats till handläggare.",
	"Beslut fattat enligt delegation. Beslutet skickas till sökanden.",
};
static const char *const notes_bygg[] = {
	"Platsbesök genomfört. Befintlig byggnad stämmer med inlämnade "
	"ritningar.",
	"Grannehörande skickat till berörda sakägare, svar senast om tre "
	"veckor.",
	"Situationsplanen saknar måttsättning mot tomtgräns – ny begärd.",
	"Tekniskt samråd bokat med byggherren och kontrollansvarig.",
	"Åtgärden avviker från detaljplanen i fråga om byggnadshöjd; "
	"avvikelsen bedöms som liten.",
	"Startbesked utfärdat.",
};
static const char *const notes_strand[] = {
	"Remiss skickad till länsstyrelsen.",
	"Platsbesök visar att området i dag är tillgängligt för allmänheten.",
	"Sökanden åberopar att platsen redan är ianspråktagen.",
	"Fri passage om minst fem meter lämnas mot vattnet.",
};
static const char *const notes_eb[] = {
	"Sökanden har lämnat kontoutdrag för de senaste tre månaderna.",
	"Planeringssamtal genomfört. Sökanden är inskriven hos "
	"Arbetsförmedlingen.",
	"Hyresavi saknas, begärd som komplettering.",
	"Beräkning enligt riksnormen gjord, underskott för månaden.",
	"Kontakt med hyresvärden om betalningsplan.",
};
static const char *const notes_fsk[] = {
	"Placering erbjuden från önskat datum.",
	"Vårdnadshavaren har tackat ja till erbjuden plats.",
	"Önskad förskola har kö, alternativ förskola erbjuds.",
	"Båda vårdnadshavarna har godkänt ansökan.",
};
static const char *const notes_serv[] = {
	"Remiss skickad till polismyndigheten och räddningstjänsten.",
	"Kunskapsprovet är godkänt.",
	"Remissvar från polisen inkommet, inga invändningar.",
	"Tillsynsbesök planeras efter öppning.",
	"Bolagets ägarförhållanden kontrollerade mot Bolagsverket.",
};
static const char *const notes_fel[] = {
	"Ärendet överlämnat till driftentreprenören.",
	"Åtgärdat av gatuenheten.",
	"Platsen besiktigad, åtgärd planerad inom två veckor.",
	"Felet gäller Trafikverkets väg, anmälan vidarebefordrad.",
};
static const char *const notes_park[] = {
	"Läkarintyg inkommet.",
	"Bedömning: väsentliga svårigheter att förflytta sig på egen hand.",
	"Foto för tillståndskortet saknas, begärt via Mina sidor.",
	"Tillståndskort beställt.",
};
const struct seed_list seed_generic_notes = LIST(notes_generic);
const struct seed_list seed_notes[NSVC] = {
	LIST(notes_bygg), LIST(notes_strand), LIST(notes_eb), LIST(notes_fsk),
	LIST(notes_serv), LIST(notes_fel), LIST(notes_park),
};

/* ---- messages ---- */
static const char *const q_generic[] = {
	"Jag undrar hur lång handläggningstiden är för mitt ärende?",
	"Har ni fått alla handlingar som behövs?",
	"Kan jag skicka in kompletteringen med post i stället?",
	"När kan jag räkna med ett beslut?",
	"Jag har fått ett nytt telefonnummer. Kan ni uppdatera det i ärendet?",
};
static const char *const q_bygg[] = {
	"Måste grannarna godkänna bygget innan ni kan fatta beslut?",
	"Får vi börja gräva för grunden innan bygglovet är klart?",
	"Behöver vi en kontrollansvarig för ett så här litet bygge?",
};
static const char *const q_strand[] = {
	"Gäller dispensen även om bryggan flyttas några meter?",
	"Hur lång tid tar remissen till länsstyrelsen?",
};
static const char *const q_eb[] = {
	"Jag har fått en ny hyresavi, ska jag skicka in den?",
	"När betalas pengarna ut den här månaden?",
	"Räknas barnbidraget som inkomst?",
};
static const char *const q_fsk[] = {
	"Går det att önska en annan förskola än den vi fick erbjudande om?",
	"Kan vi få börja inskolningen en vecka senare?",
};
static const char *const q_serv[] = {
	"Får vi servera på uteserveringen redan i maj?",
	"När är nästa tillfälle att skriva kunskapsprovet?",
};
static const char *const q_fel[] = {
	"Felet är fortfarande inte åtgärdat. När kommer någon och tittar på "
	"det?",
	"Det har blivit värre sedan jag anmälde. Nu går det knappt att ta sig "
	"förbi.",
};
static const char *const q_park[] = {
	"Mitt tillstånd går ut nästa månad. Hur förnyar jag det?",
	"Gäller tillståndet även i andra kommuner?",
};
const struct seed_list seed_generic_questions = LIST(q_generic);
const struct seed_list seed_questions[NSVC] = {
	LIST(q_bygg), LIST(q_strand), LIST(q_eb), LIST(q_fsk), LIST(q_serv),
	LIST(q_fel), LIST(q_park),
};

static const char *const s_generic[] = {
	"Fråga om handläggningstid", "Komplettering", "Fråga om beslutet",
	"Ändrade kontaktuppgifter", "Fråga om ärendet",
};
static const char *const s_bygg[] = {"Grannehörande", "Startbesked"};
static const char *const s_strand[] = {"Remiss till länsstyrelsen"};
static const char *const s_eb[] = {"Utbetalning", "Ny hyresavi"};
static const char *const s_fsk[] = {"Inskolning", "Önskemål om förskola"};
static const char *const s_serv[] = {"Uteservering", "Kunskapsprov"};
static const char *const s_fel[] = {"Fortfarande inte åtgärdat"};
static const char *const s_park[] = {"Förnyelse av tillstånd"};
const struct seed_list seed_generic_subjects = LIST(s_generic);
const struct seed_list seed_subjects[NSVC] = {
	LIST(s_bygg), LIST(s_strand), LIST(s_eb), LIST(s_fsk), LIST(s_serv),
	LIST(s_fel), LIST(s_park),
};

static const char *const replies[] = {
	"Handläggningstiden är för närvarande ungefär åtta veckor. Vi hör av "
	"oss om något saknas.",
	"Vi har tagit emot dina handlingar och ärendet är nu komplett.",
	"Du kan ladda upp kompletteringen direkt här på Mina sidor.",
	"Beslut väntas inom två veckor. Du får besked här när det är klart.",
	"Tack för informationen, vi har noterat det i ärendet.",
	"Vi har skickat ärendet vidare och återkommer så snart vi vet mer.",
};
const struct seed_list seed_replies = LIST(replies);

static const char *const followups[] = {
	"Tack för svaret!", "Okej, jag skickar in det i morgon.",
	"Tack, då väntar jag på besked.",
	"Jag har nu laddat upp det som saknades.",
};
const struct seed_list seed_followups = LIST(followups);

static const char *const officer_openers[] = {
	"Vi behöver en komplettering för att kunna handlägga ärendet. "
	"Se begäran under Mina sidor.",
	"Vi skulle vilja boka ett platsbesök. Vilka dagar passar dig nästa "
	"vecka?",
	"Kan du bekräfta att uppgifterna i ansökan fortfarande stämmer?",
};
const struct seed_list seed_officer_openers = LIST(officer_openers);

static const char *const system_messages[] = {
	"Påminnelse: begärd komplettering har ännu inte kommit in. Logga in på "
	"Mina sidor för att se vad som behövs.",
	"Ditt ärende har registrerats. Du kan följa det under Mina sidor.",
};
const struct seed_list seed_system_messages = LIST(system_messages);

static const char *const system_subjects[] = {
	"Påminnelse om komplettering", "Ditt ärende har registrerats",
};
const struct seed_list seed_system_subjects = LIST(system_subjects);

/* ---- status change comments ---- */
static const char *const c_close[] = {
	"Ärendet avslutat.", "Beslut meddelat, ärendet avslutas.",
	"Återkallat av sökanden.", "Avslutat efter delgivning av beslut.",
};
static const char *const c_start[] = {
	"Handläggning påbörjad.", "Ärendet är komplett.",
	"Komplettering inkommen.",
};
static const char *const c_await[] = {
	"Komplettering begärd: situationsplan saknas.",
	"Komplettering begärd: fullmakt saknas.",
	"Komplettering begärd: underskrift från medsökande saknas.",
};
static const char *const c_referral[] = {
	"Remiss till länsstyrelsen.", "Remiss till polismyndigheten.",
	"Remiss till räddningstjänsten.",
};
static const char *const c_decision[] = {
	"Beviljas enligt delegation.", "Avslag enligt delegation.",
	"Beviljas med villkor.",
};
static const char *const c_placement[] = {
	"Plats erbjuden på önskad förskola.",
	"Plats erbjuden på annan förskola än önskat.",
};
const struct seed_list seed_close_comments = LIST(c_close);
const struct seed_list seed_start_comments = LIST(c_start);
const struct seed_list seed_await_comments = LIST(c_await);
const struct seed_list seed_referral_comments = LIST(c_referral);
const struct seed_list seed_decision_comments = LIST(c_decision);
const struct seed_list seed_placement_comments = LIST(c_placement);
