//! Deterministic synthetic news corpus for benchmarking `newslint check`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR SIZE_MB [--seed N] [--files N]
//! ```
//!
//! Writes plain-text articles (`.txt`, one article per file, about 2-8 KB each) under
//! `OUT_DIR/dNNN/article-NNNNNN.txt` until about `SIZE_MB` megabytes (10^6 bytes) are written.
//! With `--files N` exactly N articles are written, their lengths scaled so that the total is
//! still about `SIZE_MB`. With `--names N` surnames come from N invented ones (so the corpus
//! holds about N distinct surnames, each with its own first name: a memory test of the names
//! rules). The same arguments always produce byte-identical output.
//!
//! Each article is a headline line, a blank line, then paragraphs (separated by blank lines) of
//! sentences expanded from templates: invented people, places and organisations, figures such as
//! `$1.13bn` and `4.2%`, attributed quotes, abbreviations (`U.S.`, `Dr.`, `Lt. Col.`), and some
//! non-ASCII text (accented names, typographic quotes and apostrophes, en and em dashes). About 5%
//! of articles carry one scraping defect on a line of its own (`Share on WhatsApp`,
//! `bookmarkBookmarked`, `Related Stories`, `arrow-right`, ...). All text is invented here.
//!
//! Standard library only: a small xorshift64* generator seeded through splitmix64.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xorshift64* (Vigna): small, fast and good enough for text synthesis.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let s = splitmix64(seed);
        Rng(if s == 0 { 0x2545_F491_4F6C_DD1D } else { s })
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `pct`/100.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (all invented)
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES: &[&str] = &[
    "Amara",
    "Tobias",
    "Lena",
    "Marcus",
    "Ingrid",
    "Rafael",
    "Noor",
    "Declan",
    "Yuki",
    "Petra",
    "Olumide",
    "Hannah",
    "Mateo",
    "Saoirse",
    "Viktor",
    "Priya",
    "Elias",
    "Greta",
    "Kwame",
    "Irene",
    "José",
    "Zoë",
    "Renée",
    "Björn",
    "François",
    "Anaïs",
    "Jürgen",
    "Inés",
    "Søren",
    "Chloé",
    "Dmitri",
    "Fatima",
    "Callum",
    "Mirela",
    "Tomasz",
    "Adaeze",
    "Henrik",
    "Lucía",
    "Ravi",
    "Esther",
    "Niamh",
    "Oskar",
    "Wanjiru",
    "Felix",
    "Leilani",
    "Bruno",
    "Marisol",
    "Anton",
    "Ayesha",
    "Conor",
];

const SURNAMES: &[&str] = &[
    "Okonkwo",
    "Lindqvist",
    "Ferreira",
    "Halvorsen",
    "Castellano",
    "Mbeki-Rowe",
    "Tanaka",
    "Brennan",
    "Novak",
    "Achterberg",
    "Quispe",
    "Delacroix",
    "Müller",
    "Håkansson",
    "Oyelaran",
    "Varga",
    "Whitcombe",
    "Szabó",
    "Iwu",
    "Kowalczyk",
    "Marchetti",
    "Ashworth",
    "Raghunathan",
    "Eriksen",
    "Dubois",
    "Kariuki",
    "O’Sullivan",
    "Petrović",
    "Valcourt",
    "Nakamura",
    "Aldana",
    "Fairbairn",
    "Grünewald",
    "Mensah",
    "Thorne",
    "Bělohlávek",
    "Castaño",
    "Lefèvre",
    "Obi",
    "Strand",
    "Harrow",
    "Pellegrini",
    "Adeyemi",
    "Voskuijlen",
    "Carraway",
    "Iqbal",
    "Dunmore",
    "Zielinski",
];

const TITLES: &[&str] = &[
    "Dr.", "Prof.", "Sen.", "Gov.", "Gen.", "Rep.", "Rev.", "Insp.",
];

const PLACES: &[&str] = &[
    "Port Aldric",
    "Velmora",
    "Kastelburg",
    "Nørhavn",
    "São Tirel",
    "Brindleford",
    "Oskarsvik",
    "Marenne",
    "Cold Harbour Bay",
    "Tallowmere",
    "Elsinor Falls",
    "Quarrington",
    "Vâlcea Nouă",
    "Sunder Ridge",
    "Lake Imbali",
    "Castel Rovigo",
    "Ashcombe",
    "Fenwick Cross",
    "Dürnstadt",
    "Punta Saldaña",
    "Halloway",
    "Kirrin Point",
    "Montclair-sur-Lys",
    "Redwater",
    "Skelby",
    "New Tarrow",
    "Aberlune",
    "Greymouth Downs",
    "Isola Brava",
    "Zelenograd-on-Tay",
];

const COUNTRIES: &[&str] = &[
    "the U.S.",
    "the U.K.",
    "the E.U.",
    "Veltria",
    "the Republic of Osmund",
    "Carvalia",
    "Nordmark",
    "the Marrow Islands",
    "Estavia",
    "Lusenne",
];

const ORGS: &[&str] = &[
    "the Ministry of Transport",
    "the Aldric Harbour Authority",
    "the Velmora Grain Cooperative",
    "Northgate Energy Ltd.",
    "the National Statistics Office",
    "Kestrel Airways",
    "the Tallowmere District Council",
    "the Federation of Small Fisheries",
    "Brightwell Pharma Inc.",
    "the Central Bank of Veltria",
    "the U.S. Department of Agriculture",
    "the Coastal Rescue Service",
    "Halden & Crowe LLP",
    "the Institute for Urban Water",
    "Marenne Rail",
    "the Teachers’ Union of Estavia",
    "Solvane Mining Corp.",
    "the Provincial Health Board",
    "Quillon Logistics",
    "the Oskarsvik Port Trust",
    "the Association of Independent Bakers",
    "Lumen Grid S.A.",
    "the Redwater Football Club",
    "the Institute of Seismology",
    "Carraway Foods plc",
    "the Office for Budget Review",
];

const ROLES: &[&str] = &[
    "the transport minister",
    "a spokeswoman for the council",
    "the company’s chief executive",
    "the mayor",
    "a senior economist",
    "the union’s general secretary",
    "the harbour master",
    "a spokesman for the ministry",
    "the finance minister",
    "the regional governor",
    "the head of the statistics office",
    "a lawyer for the families",
    "the fire chief",
    "the hospital’s medical director",
    "a local shopkeeper",
    "the committee chair",
    "an analyst at a Velmora brokerage",
    "the police commissioner",
    "the club’s manager",
    "a researcher at the institute",
];

const SAID_ROLES: &[&str] = &[
    "the minister",
    "the mayor",
    "the spokeswoman",
    "the spokesman",
    "the analyst",
    "the chief executive",
    "the governor",
    "the commissioner",
    "the lawyer",
    "the harbour master",
    "the economist",
    "officials",
];

const THINGS: &[&str] = &[
    "bridge",
    "ferry terminal",
    "rail link",
    "water treatment plant",
    "wind farm",
    "hospital wing",
    "grain silo",
    "tram line",
    "sea wall",
    "data centre",
    "school",
    "container port",
    "reservoir",
    "bus depot",
    "solar park",
    "fish market",
    "library",
    "ring road",
    "cable car",
    "stadium",
];

const TOPICS: &[&str] = &[
    "fuel prices",
    "the housing shortage",
    "flood defences",
    "the pension reform",
    "wage talks",
    "the drought",
    "ferry delays",
    "the transit strike",
    "the school budget",
    "grain exports",
    "the hospital backlog",
    "coastal erosion",
    "the mining licence",
    "interest rates",
    "the census results",
    "the port expansion",
    "electricity tariffs",
    "the fishing quota",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const AGENCIES: &[&str] = &[
    "Newswire",
    "Coastal Press",
    "Meridian News",
    "Reportage Agency",
];

const HEADLINES: &[&str] = &[
    "{PLACE} council approves {MONEY} plan for new {THING}",
    "{ORGC} shares fall {PCT} after {THING} delay",
    "Talks on {TOPIC} stall as {PLACE} workers walk out",
    "{TITLE} {LAST} to lead inquiry into {TOPIC}",
    "Storm forces closure of {PLACE} {THING} for {N} days",
    "{COUNTRYC} unveils {MONEY} package to tackle {TOPIC}",
    "Inflation in {COUNTRY0} eases to {PCT} in {MONTH}",
    "Residents of {PLACE} divided over {THING} proposal",
    "{ORGC} posts record {MONEY} profit as demand surges",
    "Court halts work on {PLACE} {THING} — for now",
    "‘We were not consulted’: {PLACE} fishermen protest {TOPIC} rules",
    "Ministers clash over {TOPIC} ahead of {MONTH} vote",
    "{PLACE} marks {N} years since the {THING} opened",
    "Why {TOPIC} matters for {PLACE}",
];

const OPENERS: &[&str] = &[
    "{CITY_UPPER}, {MONTH} {DAYNUM} ({AGENCY}) — {ORGC} said on {DAY} it would spend {MONEY} on a new {THING} in {PLACE}, the largest project of its kind in the region since {YEAR}.",
    "{CITY_UPPER}, {MONTH} {DAYNUM} ({AGENCY}) — Officials in {PLACE} have ordered a review of {TOPIC} after {NUMBIG} residents signed a petition calling for urgent action.",
    "{P1S} said on {DAY} that {TOPIC} would dominate the coming session, as pressure mounts on {ORG} to explain a {MONEY} shortfall.",
    "Work on the {THING} in {PLACE} will resume next month after a {N}-week pause, {ORG} announced on {DAY}.",
    "{CITY_UPPER} ({AGENCY}) — Thousands of people gathered in the centre of {PLACE} on {DAY} evening to protest against {TOPIC}, the biggest demonstration the town has seen in a decade.",
    "The number of passengers using the {THING} at {PLACE} rose {PCT} in the year to {MONTH}, according to figures published by {ORG} on {DAY}.",
    "{CITY_UPPER}, {MONTH} {DAYNUM} ({AGENCY}) — A long-running dispute over {TOPIC} reached the supreme court on {DAY}, with lawyers for {ORG} arguing that the rules were applied unfairly.",
    "{ORGC} has warned that {TOPIC} could cost the economy of {PLACE} as much as {MONEY} over the next five years.",
];

const SENTENCES: &[&str] = &[
    "The project, first proposed in {YEAR}, has been delayed several times by disputes over funding.",
    "{P1S} said the {THING} would create about {NUMBIG} jobs during construction and {N2} permanent posts once it opens.",
    "Critics argue that the cost has risen from {MONEY} to {MONEY2} in less than three years.",
    "According to {ORG}, the average household in {PLACE} now spends {PCT} of its income on {TOPIC}.",
    "The figures, which cover the period {YEAR}–{YEAR2}, were compiled by researchers at {ORG}.",
    "{P2S} said the decision had been “rushed through” without a proper consultation.",
    "{P2S} added that {ORG} had not yet published its own assessment.",
    "Shares in {ORG} closed {PCTDEC} higher at {PRICE} on {DAY}, giving the company a market value of about {MONEY}.",
    "The council meets again at {TIME} on {DAY}, when members are expected to vote on the proposal.",
    "Police said {N} people had been detained and later released without charge.",
    "The {THING} at {PLACE} handled {NUMBIG} tonnes of cargo last year, up from {NUMBIG2} the year before.",
    "Growth slowed to {PCTDEC} in the third quarter, the weakest reading since {YEAR}.",
    "Negotiations are scheduled to resume on {MONTH} {DAYNUM} in {PLACE2}.",
    "In {COUNTRY}, a similar scheme was abandoned in {YEAR} after costs ran {PCT} over budget.",
    "The report runs to {NUMBIG3} pages and makes {N2} recommendations, most of which concern {TOPIC}.",
    "{ORGC} declined to comment on the figures when contacted on {DAY}.",
    "Local businesses say they have lost as much as {MONEY} since the closure — a claim the ministry disputes.",
    "Opinion polls suggest that {PCT} of voters in {PLACE} support the plan, while {PCT2} are opposed.",
    "The vote passed by {N2} to {N}, with {NSMALL} abstentions.",
    "{P1N}’s office said a final decision would be taken “within weeks”.",
    "Engineers from {ORG} inspected the site on {DAY} and found no structural damage.",
    "Some {NUMBIG} homes in {PLACE} and {PLACE2} were left without power for several hours.",
    "The government has set aside {MONEY} for the next phase, with a further {MONEY2} expected from private investors.",
    "Prices linked to {TOPIC} have risen by an average of {PCTDEC} a year over the past decade, official data show.",
    "{P5S} said the trend was unlikely to reverse soon.",
    "The agency expects output of {DECUNIT} this year, compared with {DECUNIT2} last year.",
    "Residents were told to avoid the area between {TIME} and {TIME2}.",
    "It is the {ORDINAL} time this year that the {THING} has been closed because of bad weather.",
    "The plan still needs approval from regulators in {COUNTRY} and from {ORG}.",
    "Visitors to {PLACE} often cite the old harbour and the café-lined square as the town’s main attractions.",
    "A spokeswoman for {ORG} said the company was “reviewing all options” and would update investors in {MONTH}.",
    "The measure applies to firms with more than {NUMBIG} employees — roughly {PCT} of the private sector.",
    "{P5S} told a parliamentary committee that the model had “serious limitations”.",
    "The U.S. embassy in {PLACE} issued a statement welcoming the agreement.",
    "{P4S} said {N} vessels had been diverted to {PLACE2} as a precaution.",
    "Opposition parties called for an independent audit of the {MONEY} contract.",
    "The route, which opened in {YEAR}, carries about {NUMBIG} passengers a day.",
    "By {TIME} on {DAY}, water levels had fallen by {DECM} metres, the authorities said.",
    "The bill would raise the minimum age for the scheme from {AGE} to {AGE2}.",
    "{P1S} has denied any wrongdoing.",
    "The dispute has its roots in a {YEAR} agreement that divided responsibility for the {THING} between three agencies.",
    "Fewer than {PCT} of the promised units have been delivered, an internal memo seen by reporters shows.",
    "The ministry said the delay was caused by a shortage of steel and by an unusually wet spring.",
    "At a packed meeting in the town hall on {DAY} night, residents queued for more than an hour to speak.",
    "{P3S} said the consultation had attracted {NUMBIG} written responses, a record for the district.",
    "{P3S} described the ruling as “a victory for common sense”.",
    "The central bank left its main rate unchanged at {PCTDEC}, as expected.",
    "Exports to {COUNTRY} fell {PCTDEC} in {MONTH}, the customs office said, while imports rose slightly.",
    "The {THING} was designed by a firm from {PLACE2} and is expected to last at least {N2} years.",
    "Unemployment in the region stands at {PCTDEC}, compared with a national average of {PCTDEC}.",
    "The proposal would cost an estimated {MONEY}, or about {NUMBIG3} per resident.",
    "{P4S} said the search would continue through the night despite strong winds.",
    "Rescue teams from {PLACE2} arrived shortly after {TIME}, according to {ORG}.",
    "The last comparable event, in {YEAR}, caused damage estimated at {MONEY}.",
    "Under the agreement, {ORG} will take a {PCT} stake in the joint venture.",
    "Analysts had expected a profit of {MONEY}, according to a poll of {NSMALL} brokers.",
    "The company said revenue rose to {MONEY} in the six months to {MONTH}, helped by strong demand abroad.",
    "Schools in {PLACE} will remain closed until at least {DAY}.",
    "A public inquiry is due to report its findings by the end of {MONTH}.",
    "{P2S} said residents had been “kept in the dark” for months.",
    "The island’s only hospital treated {N} people for minor injuries, a spokeswoman said.",
    "A petition against the plan, launched in {MONTH}, has gathered more than {NUMBIG} signatures.",
    "Ticket prices will rise by {PCTDEC} from {MONTH}, the operator said, the first increase since {YEAR}.",
    "The region produces about {DECUNIT} a year, most of it for export to {COUNTRY}.",
    "Officials in {PLACE2} said they were monitoring the situation closely.",
    "{P5S} said climate data going back to {YEAR} showed a clear pattern of more frequent storms.",
    "The committee’s report, published on {DAY}, said the contract should never have been awarded without a tender.",
    "Both sides said they hoped to reach a deal before the end of the year.",
];

const QUOTES: &[&str] = &[
    "We are not going to let this {THING} become another unfinished promise",
    "The numbers simply do not add up",
    "People in {PLACE} deserve a straight answer",
    "This is the most important decision the council will take this decade",
    "We have listened, and we have changed the plan",
    "Nobody expected the water to rise so quickly",
    "It is too early to say whether the trend will continue",
    "Our members will not accept a deal that cuts their pensions",
    "The evidence on {TOPIC} is clearer than it has ever been",
    "We will keep the {THING} open for as long as it is safe to do so",
    "I don’t think anyone in this room believes the deadline is realistic",
    "There is no plan B — this has to work",
    "We expect demand to recover in the second half of the year",
    "The families have waited long enough",
    "It’s a good first step, but it is only a first step",
    "Frankly, we were caught off guard",
    "My grandfather fished from this harbour, and so did his father",
    "We’ve been promised this {THING} three times already",
    "The market has already priced in a slowdown",
    "Nobody here is against progress, but progress has to include us",
    "These are difficult choices, and we will not pretend otherwise",
    "We owe it to the next generation to get this right",
];

const QUESTION_QUOTES: &[&str] = &[
    "Who is going to pay for all this",
    "Why were we told only last week",
    "What happens to the workers now",
    "How many more delays can the town absorb",
];

const CAPTIONS: &[&str] = &[
    "A ferry leaves the harbour at {PLACE}.",
    "Workers inspect the damaged {THING} on {DAY}.",
    "Protesters gather outside the council offices in {PLACE}.",
    "{P1F} speaks to reporters in {PLACE2}.",
    "The new {THING} under construction near {PLACE}.",
    "Fishing boats moored at {PLACE} during the strike.",
];

const DEFECTS: &[&str] = &[
    "bookmarkBookmarked",
    "saveSaved",
    "followFollowing",
    "likeLiked",
    "pinPinned",
    "Share on WhatsApp",
    "Share on Facebook",
    "Copy link",
    "Listen to this article",
    "Related Stories",
    "Read More",
    "You may also like:",
    "Most Read",
    "arrow-right",
    "chevron-down",
    "icon-share",
    "Follow us on Instagram",
    "Join us on Telegram",
    "Subscribe to our newsletter",
    "Advertisement",
    "Story continues below advertisement",
    "FULLSCREEN",
];

const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth"];

const OFFICER_TITLES: &[&str] = &["Lt. Col.", "Capt.", "Maj.", "Cmdr."];
const OFFICER_ROLES: &[&str] = &[
    "a spokesman for the coastal guard",
    "who leads the rescue operation",
    "a spokeswoman for the coastal guard",
];
const EXPERT_TITLES: &[&str] = &["Dr.", "Prof."];
const EXPERT_ROLES: &[&str] = &[
    "an economist at the University of Velmora",
    "a climate scientist at the Institute of Seismology",
    "who has studied the region for more than 20 years",
    "a transport researcher in Kastelburg",
];

// ---------------------------------------------------------------------------------------------
// Article synthesis
// ---------------------------------------------------------------------------------------------

struct Person {
    title: Option<&'static str>,
    first: &'static str,
    last: &'static str,
    role: &'static str,
    introduced: bool,
}

/// Per-article cast, setting and style, plus the state that keeps an article coherent: who has
/// been introduced and which templates were already used.
struct Ctx {
    rng: Rng,
    /// Three general speakers, an officer (`Lt. Col.` ...) and an expert (`Dr.`, `Prof.`).
    people: [Person; 5],
    place: &'static str,
    place2: &'static str,
    org: &'static str,
    thing: &'static str,
    topic: &'static str,
    country: &'static str,
    /// Typographic (“ ” ’) or straight (" ') quotes, consistent within an article.
    curly: bool,
    used_sentences: u128,
    used_quotes: u64,
    last_pct: usize,
}

impl Ctx {
    fn new(mut rng: Rng, surnames: &'static [&'static str]) -> Self {
        // Five distinct surnames.
        let mut lasts = [0usize; 5];
        for i in 0..5 {
            loop {
                let k = rng.below(surnames.len());
                if !lasts[..i].contains(&k) {
                    lasts[i] = k;
                    break;
                }
            }
        }
        let person = |rng: &mut Rng,
                      i: usize,
                      titles: &[&'static str],
                      pct: usize,
                      roles: &[&'static str]| Person {
            title: if rng.chance(pct) {
                Some(rng.pick(titles))
            } else {
                None
            },
            // With invented surnames each has its own first name, so the corpus holds about as
            // many distinct full names as surnames.
            first: if std::ptr::eq(surnames, SURNAMES) {
                rng.pick(FIRST_NAMES)
            } else {
                FIRST_NAMES[lasts[i] % FIRST_NAMES.len()]
            },
            last: surnames[lasts[i]],
            role: rng.pick(roles),
            introduced: false,
        };
        let people = [
            person(&mut rng, 0, TITLES, 25, ROLES),
            person(&mut rng, 1, TITLES, 25, ROLES),
            person(&mut rng, 2, TITLES, 25, ROLES),
            person(&mut rng, 3, OFFICER_TITLES, 100, OFFICER_ROLES),
            person(&mut rng, 4, EXPERT_TITLES, 100, EXPERT_ROLES),
        ];
        let p1 = rng.below(PLACES.len());
        let p2 = (p1 + 1 + rng.below(PLACES.len() - 1)) % PLACES.len();
        let org = rng.pick(ORGS);
        let thing = rng.pick(THINGS);
        let topic = rng.pick(TOPICS);
        let country = rng.pick(COUNTRIES);
        let curly = rng.chance(70);
        Ctx {
            rng,
            people,
            place: PLACES[p1],
            place2: PLACES[p2],
            org,
            thing,
            topic,
            country,
            curly,
            used_sentences: 0,
            used_quotes: 0,
            last_pct: 50,
        }
    }

    /// Literal template text; typographic quotes become straight ones in "straight" articles.
    fn text(&self, out: &mut String, s: &str) {
        if self.curly || !s.contains(['“', '”', '’', '‘']) {
            out.push_str(s);
        } else {
            for c in s.chars() {
                out.push(match c {
                    '“' | '”' => '"',
                    '’' | '‘' => '\'',
                    c => c,
                });
            }
        }
    }

    /// Full name with title, no role.
    fn full_name(&self, out: &mut String, i: usize) {
        let p = &self.people[i];
        if let Some(t) = p.title {
            out.push_str(t);
            out.push(' ');
        }
        out.push_str(p.first);
        out.push(' ');
        out.push_str(p.last);
    }

    /// Short name: title (if any) and surname.
    fn short_name(&self, out: &mut String, i: usize) {
        let p = &self.people[i];
        if let Some(t) = p.title {
            out.push_str(t);
            out.push(' ');
        }
        out.push_str(p.last);
    }

    /// A mention in subject position: full name and role the first time, short name after.
    fn subject(&mut self, out: &mut String, i: usize) {
        if self.people[i].introduced {
            self.short_name(out, i);
        } else {
            self.full_name(out, i);
            let role = self.people[i].role;
            out.push_str(", ");
            self.text(out, role);
            out.push(',');
            self.people[i].introduced = true;
        }
    }

    /// A plain mention: full name the first time, short name after.
    fn name(&mut self, out: &mut String, i: usize) {
        if self.people[i].introduced {
            self.short_name(out, i);
        } else {
            self.full_name(out, i);
            self.people[i].introduced = true;
        }
    }

    fn money(&mut self, out: &mut String) {
        let rng = &mut self.rng;
        out.push_str(rng.pick(&["$", "€", "£", "$", "€"]));
        let _ = match rng.below(3) {
            0 => write!(out, "{}.{:02}bn", rng.range(1, 9), rng.range(1, 99)),
            1 => write!(out, "{}m", rng.range(12, 950)),
            _ => write!(out, "{}.{}m", rng.range(1, 99), rng.range(1, 9)),
        };
    }

    fn big(&mut self, out: &mut String) {
        let n = self.rng.range(1_200, 480_000);
        let _ = write!(out, "{},{:03}", n / 1000, n % 1000);
    }

    fn time(&mut self, out: &mut String) {
        let rng = &mut self.rng;
        let h = rng.range(1, 12);
        let ampm = if rng.chance(50) { "a.m." } else { "p.m." };
        let _ = if rng.chance(50) {
            write!(out, "{h} {ampm}")
        } else {
            write!(out, "{h}.{:02} {ampm}", rng.below(4) * 15)
        };
    }

    /// Expands `{SLOT}` placeholders in `tpl` into `out`.
    fn expand(&mut self, out: &mut String, tpl: &str) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            self.text(out, &rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed slot");
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let rng = &mut self.rng;
            let _ = match slot {
                "PLACE" => write!(out, "{}", self.place),
                "PLACE2" => write!(out, "{}", self.place2),
                "CITY_UPPER" => write!(out, "{}", self.place.to_uppercase()),
                "ORG" => write!(out, "{}", self.org),
                "ORGC" => {
                    capitalize(out, self.org);
                    Ok(())
                }
                "THING" => write!(out, "{}", self.thing),
                "TOPIC" => write!(out, "{}", self.topic),
                "COUNTRY" => write!(out, "{}", self.country),
                "COUNTRYC" => {
                    capitalize(out, self.country);
                    Ok(())
                }
                "COUNTRY0" => write!(out, "{}", self.country.trim_start_matches("the ")),
                "TITLE" => write!(out, "{}", self.people[0].title.unwrap_or("Dr.")),
                "LAST" => write!(out, "{}", self.people[0].last),
                "P1S" | "P2S" | "P3S" | "P4S" | "P5S" => {
                    self.subject(out, (slot.as_bytes()[1] - b'1') as usize);
                    Ok(())
                }
                "P1N" | "P2N" | "P3N" | "P4N" | "P5N" => {
                    self.name(out, (slot.as_bytes()[1] - b'1') as usize);
                    Ok(())
                }
                "P1F" => {
                    self.full_name(out, 0);
                    Ok(())
                }
                "MONEY" | "MONEY2" => {
                    self.money(out);
                    Ok(())
                }
                "PCT" => {
                    self.last_pct = rng.range(2, 68);
                    write!(out, "{}%", self.last_pct)
                }
                "PCT2" => write!(out, "{}%", rng.range(1, 98 - self.last_pct)),
                "PCTDEC" => write!(out, "{}.{}%", rng.range(0, 9), rng.range(1, 9)),
                "PRICE" => write!(
                    out,
                    "{}.{:02} {}",
                    rng.range(2, 180),
                    rng.below(100),
                    rng.pick(&["dollars", "euros", "crowns"])
                ),
                "N" => write!(out, "{}", rng.range(3, 40)),
                "N2" => write!(out, "{}", rng.range(41, 300)),
                "NSMALL" => write!(out, "{}", rng.range(2, 9)),
                "NUMBIG" | "NUMBIG2" => {
                    self.big(out);
                    Ok(())
                }
                "NUMBIG3" => write!(out, "{}", rng.range(120, 980)),
                "DECUNIT" | "DECUNIT2" => write!(
                    out,
                    "{}.{}{}",
                    rng.range(1, 9),
                    rng.range(10, 99),
                    rng.pick(&["m tonnes", "bn litres", "bn kWh", "m barrels"])
                ),
                "DECM" => write!(out, "{}.{}", rng.range(0, 3), rng.range(1, 9)),
                "AGE" => write!(out, "{}", rng.range(16, 25)),
                "AGE2" => write!(out, "{}", rng.range(26, 67)),
                "YEAR" => write!(out, "{}", rng.range(1998, 2016)),
                "YEAR2" => write!(out, "{}", rng.range(2017, 2024)),
                "TIME" | "TIME2" => {
                    self.time(out);
                    Ok(())
                }
                "DAY" => write!(out, "{}", rng.pick(DAYS)),
                "DAYNUM" => write!(out, "{}", rng.range(1, 28)),
                "MONTH" => write!(out, "{}", rng.pick(MONTHS)),
                "AGENCY" => write!(out, "{}", rng.pick(AGENCIES)),
                "ORDINAL" => write!(out, "{}", rng.pick(ORDINALS)),
                other => panic!("unknown slot {{{other}}}"),
            };
        }
        self.text(out, rest);
    }

    /// Index of a template not yet used in this article (all become available again once used up).
    fn fresh(rng: &mut Rng, used: &mut u128, n: usize) -> usize {
        let all = if n >= 128 {
            u128::MAX
        } else {
            (1u128 << n) - 1
        };
        if *used & all == all {
            *used = 0;
        }
        loop {
            let k = rng.below(n);
            if *used & (1 << k) == 0 {
                *used |= 1 << k;
                return k;
            }
        }
    }

    fn sentence(&mut self, out: &mut String) {
        let k = Self::fresh(&mut self.rng, &mut self.used_sentences, SENTENCES.len());
        self.expand(out, SENTENCES[k]);
    }

    fn quote(&mut self, out: &mut String) {
        let (open, close) = if self.curly {
            ('“', '”')
        } else {
            ('"', '"')
        };
        let question = self.rng.chance(10);
        out.push(open);
        if question {
            let q = self.rng.pick(QUESTION_QUOTES);
            self.expand(out, q);
            out.push('?');
        } else {
            let mut used = self.used_quotes as u128;
            let k = Self::fresh(&mut self.rng, &mut used, QUOTES.len());
            self.used_quotes = used as u64;
            self.expand(out, QUOTES[k]);
            out.push(',');
        }
        out.push(close);
        out.push(' ');
        let who = self.rng.below(3);
        let verb = if question { "asked" } else { "said" };
        match self.rng.below(4) {
            0 => {
                out.push_str(self.rng.pick(SAID_ROLES));
                out.push(' ');
                out.push_str(verb);
            }
            1 => {
                out.push_str(verb);
                out.push(' ');
                self.name(out, who);
            }
            2 if !question => {
                self.name(out, who);
                out.push_str(" told reporters in ");
                out.push_str(self.place);
            }
            _ if self.people[who].introduced => {
                self.short_name(out, who);
                out.push(' ');
                out.push_str(verb);
            }
            _ => {
                out.push_str(verb);
                out.push(' ');
                self.full_name(out, who);
                out.push_str(", ");
                let role = self.people[who].role;
                self.text(out, role);
                self.people[who].introduced = true;
            }
        }
        out.push('.');
    }

    fn defect(&mut self, out: &mut String) {
        let d = self.rng.pick(DEFECTS);
        if d == "FULLSCREEN" {
            out.push_str("Fullscreen ");
            let c = self.rng.pick(CAPTIONS);
            self.expand(out, c);
        } else {
            out.push_str(d);
        }
        out.push('\n');
    }
}

fn capitalize(out: &mut String, s: &str) {
    let mut cs = s.chars();
    if let Some(c) = cs.next() {
        out.extend(c.to_uppercase());
        out.push_str(cs.as_str());
    }
}

/// Writes one article of roughly `target` bytes into `out` (cleared first).
fn article(out: &mut String, rng: Rng, target: usize, surnames: &'static [&'static str]) {
    out.clear();
    let mut cx = Ctx::new(rng, surnames);
    let defect_at = if cx.rng.chance(5) {
        Some(cx.rng.below(4))
    } else {
        None
    };

    let h = cx.rng.pick(HEADLINES);
    cx.expand(out, h);
    out.push_str("\n\n");

    let mut para = 0usize;
    loop {
        if defect_at == Some(para) {
            cx.defect(out);
            out.push('\n');
        }
        let sentences = cx.rng.range(2, 5);
        for s in 0..sentences {
            if s > 0 {
                out.push(' ');
            }
            if para == 0 && s == 0 {
                let t = cx.rng.pick(OPENERS);
                cx.expand(out, t);
            } else if cx.rng.chance(22) {
                cx.quote(out);
            } else {
                cx.sentence(out);
            }
        }
        out.push('\n');
        para += 1;
        if out.len() >= target {
            break;
        }
        out.push('\n');
    }
    // A defect planned for a paragraph the article never reached goes at the end.
    if let Some(at) = defect_at
        && at >= para
    {
        out.push('\n');
        cx.defect(out);
    }
}

// Command line
// ---------------------------------------------------------------------------------------------

struct Args {
    out_dir: PathBuf,
    size_mb: f64,
    seed: u64,
    files: Option<usize>,
    /// Draw surnames from this many invented ones instead of the built-in list.
    names: Option<usize>,
}

const USAGE: &str = "usage: gen_corpus OUT_DIR SIZE_MB [--seed N] [--files N] [--names N]";

fn parse_args() -> Result<Args, String> {
    let mut pos = Vec::new();
    let mut seed = 42u64;
    let mut files = None;
    let mut names = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a value")?;
                seed = v.parse().map_err(|_| format!("bad --seed `{v}`"))?;
            }
            "--files" => {
                let v = it.next().ok_or("--files needs a value")?;
                let n: usize = v.parse().map_err(|_| format!("bad --files `{v}`"))?;
                if n == 0 {
                    return Err("--files must be at least 1".into());
                }
                files = Some(n);
            }
            "--names" => {
                let v = it.next().ok_or("--names needs a value")?;
                let n: usize = v.parse().map_err(|_| format!("bad --names `{v}`"))?;
                if !(5..=1_000_000).contains(&n) {
                    return Err("--names must be from 5 to 1000000".into());
                }
                names = Some(n);
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            _ => pos.push(arg),
        }
    }
    if pos.len() != 2 {
        return Err("expected OUT_DIR and SIZE_MB".into());
    }
    let size_mb: f64 = pos[1]
        .parse()
        .map_err(|_| format!("bad SIZE_MB `{}`", pos[1]))?;
    if !(size_mb > 0.0 && size_mb.is_finite()) {
        return Err("SIZE_MB must be positive".into());
    }
    Ok(Args {
        out_dir: PathBuf::from(&pos[0]),
        size_mb,
        seed,
        files,
        names,
    })
}

/// `n` distinct invented surnames (syllables of no language in particular), for a corpus whose
/// distinct names grow with `--names`.
fn invented_surnames(n: usize, seed: u64) -> &'static [&'static str] {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kl",
        "st", "tr", "gr",
    ];
    const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ai", "ei", "ou"];
    let mut rng = Rng::new(splitmix64(seed ^ 0x05EE_D0F4_A3E5));
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<&'static str> = Vec::with_capacity(n);
    while out.len() < n {
        let mut s = String::new();
        for k in 0..rng.range(2, 4) {
            let onset = rng.pick(ONSETS);
            if k == 0 {
                let mut c = onset.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push_str(onset);
            }
            s.push_str(rng.pick(NUCLEI));
        }
        s.push_str(rng.pick(&["n", "r", "s", "l", "v", "nd", "rt", "sk"]));
        if seen.insert(s.clone()) {
            out.push(Box::leak(s.into_boxed_str()));
        }
    }
    Box::leak(out.into_boxed_slice())
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(16 * 1024, std::fs::File::create(path)?);
    w.write_all(text.as_bytes())?;
    w.flush()
}

fn run(args: &Args) -> std::io::Result<(usize, u64)> {
    const PER_DIR: usize = 500;
    let total_target = (args.size_mb * 1e6) as u64;
    // Average article length: 5 KB by default (uniform 2-8 KB), or whatever --files implies.
    let (lo, hi) = match args.files {
        None => (2_000usize, 8_000usize),
        Some(n) => {
            let avg = (total_target / n as u64).max(200) as usize;
            (avg * 2 / 5, avg * 8 / 5)
        }
    };
    let surnames: &'static [&'static str] = match args.names {
        None => SURNAMES,
        Some(n) => invented_surnames(n, args.seed),
    };
    let mut buf = String::with_capacity(hi + 4096);
    let mut written = 0u64;
    let mut count = 0usize;
    let mut dir = PathBuf::new();
    loop {
        let done = match args.files {
            Some(n) => count >= n,
            None => written >= total_target,
        };
        if done {
            break;
        }
        if count % PER_DIR == 0 {
            dir = args.out_dir.join(format!("d{:03}", count / PER_DIR));
            std::fs::create_dir_all(&dir)?;
        }
        // Each article has its own stream, so article i depends only on (seed, i).
        let mut rng =
            Rng::new(splitmix64(args.seed) ^ (count as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let target = rng.range(lo, hi);
        // Leave room for the last paragraph (about 400-900 bytes) so files average ~target.
        article(&mut buf, rng, target.saturating_sub(400).max(1), surnames);
        write_file(&dir.join(format!("article-{count:06}.txt")), &buf)?;
        written += buf.len() as u64;
        count += 1;
    }
    Ok((count, written))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = std::time::Instant::now();
    match run(&args) {
        Ok((count, bytes)) => {
            eprintln!(
                "gen_corpus: wrote {count} files, {bytes} bytes ({:.1} MB) to {} in {:.2}s (seed {})",
                bytes as f64 / 1e6,
                args.out_dir.display(),
                start.elapsed().as_secs_f64(),
                args.seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", args.out_dir.display());
            ExitCode::FAILURE
        }
    }
}
