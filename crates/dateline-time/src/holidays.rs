//! Named holidays as data: each name (a word sequence), the rule that dates it, and the
//! regions whose calendar it belongs to.
//!
//! Names are matched on the grammar's tokens with apostrophes, hyphens and full stops
//! skipped ("King's Day" = "king day", "Eid al-Adha" = "eid al adha"). When a name has a
//! regional entry for the region in force it wins over the general one (Labour Day is the
//! first Monday of September in the US, 1 May in India, the fourth Monday of October in
//! New Zealand). Lunar and lunisolar holidays follow [`crate::cal`]: Jewish holidays start
//! at sundown, and the value is the evening they begin (as Duckling and most calendars
//! list them); Islamic ones use the arithmetic calendar, which can be a day off the
//! observed crescent.
//!
//! The grammar's fixed holidays (Christmas, Easter and the days keyed to it, Thanksgiving,
//! the US federal days…) stay in `Grammar::holiday_name`; this table adds the rest.

use crate::astro::Observed::{self, Afternoon, Evening, Midday, Midnight, Moonrise, Sunrise};
use crate::grammar::Region;
use crate::sem::Hol;

/// Names that are also common words ("lent" money): they are holidays only capitalised or
/// with a year after them.
pub static COMMON_WORD_NAMES: &[&str] = &["lent"];

/// Regions as bits; 0 = every region.
pub type Regions = u16;

pub const fn bit(r: Region) -> Regions {
    1 << (r as u16)
}

const ALL: Regions = 0;
const US: Regions = bit(Region::Us);
const CA: Regions = bit(Region::Ca);
const GB: Regions = bit(Region::Gb);
const IE: Regions = bit(Region::Ie);
const AU: Regions = bit(Region::Au);
const NZ: Regions = bit(Region::Nz);
const IN: Regions = bit(Region::In);
const ZA: Regions = bit(Region::Za);
const PH: Regions = bit(Region::Ph);
const JM: Regions = bit(Region::Jm);
const TT: Regions = bit(Region::Tt);
const BZ: Regions = bit(Region::Bz);

// Hebrew months from Nisan = 1; Tishri = 7, Kislev = 9, Shevat = 11, Adar = 12.
const fn heb(m: u32, d: u32) -> Hol {
    Hol::Hebrew(m, d, 0)
}

// Amanta lunar months of the Hindu calendar.
const CHAITRA: u32 = 0;
const VAISHAKHA: u32 = 1;
const ASHADHA: u32 = 3;
const SHRAVANA: u32 = 4;
const BHADRAPADA: u32 = 5;
const ASHVIN: u32 = 6;
const KARTIKA: u32 = 7;
const PAUSHA: u32 = 9;
const MAGHA: u32 = 10;
const PHALGUNA: u32 = 11;

/// A festival on a tithi (1–15 bright half, 16–30 dark half) of an amanta month.
const fn lunar(month: u32, tithi: u32, at: Observed) -> Hol {
    Hol::Lunar(month, tithi, at, 0)
}

/// Makar Sankranti (the Sun entering sidereal Capricorn), moved by some days.
const fn makara(off: i64) -> Hol {
    Hol::Sankranti(9, off)
}

pub static HOLIDAYS: &[(&[&str], Hol, Regions)] = &[
    // US presidential primaries
    (&["super", "tuesday"], Hol::SuperTuesday, ALL),
    (&["super", "tue"], Hol::SuperTuesday, ALL),
    (&["giga", "tuesday"], Hol::Once(2008, 2, 5), ALL),
    (&["mega", "giga", "tuesday"], Hol::Once(2008, 2, 5), ALL),
    (&["tsunami", "tuesday"], Hol::Once(2008, 2, 5), ALL),
    (&["super", "duper", "tuesday"], Hol::Once(2008, 2, 5), ALL),
    (&["mini", "tuesday"], Hol::Once(2004, 2, 3), ALL),
    // Christian calendar
    (&["lent"], Hol::Easter(-46), ALL),
    (&["great", "lent"], Hol::OrthodoxEaster(-48), ALL),
    (&["great", "fast"], Hol::OrthodoxEaster(-48), ALL),
    (&["thu", "of", "mysteries"], Hol::Easter(-3), ALL),
    (&["thursday", "of", "mysteries"], Hol::Easter(-3), ALL),
    (&["holy", "thursday"], Hol::Easter(-3), ALL),
    (&["holy", "saturday"], Hol::Easter(-1), ALL),
    (
        &["monday", "of", "the", "holy", "spirit"],
        Hol::Easter(50),
        ALL,
    ),
    (&["pentecost", "monday"], Hol::Easter(50), ALL),
    (&["corpus", "christi"], Hol::Easter(60), ALL),
    (
        &["orthodox", "ash", "wednesday"],
        Hol::OrthodoxEaster(-46),
        ALL,
    ),
    (&["orthodox", "pentecost"], Hol::OrthodoxEaster(49), ALL),
    (&["orthodox", "christmas"], Hol::Fixed(1, 7), ALL),
    (&["assumption", "day"], Hol::Fixed(8, 15), ALL),
    (
        &["feast", "of", "the", "assumption"],
        Hol::Fixed(8, 15),
        ALL,
    ),
    (&["candlemas"], Hol::Fixed(2, 2), ALL),
    // Jewish calendar
    (&["rosh", "hashanah"], heb(7, 1), ALL),
    (&["rosh", "hashana"], heb(7, 1), ALL),
    (&["rosh", "hashanna"], heb(7, 1), ALL),
    (&["rosh", "hashono"], heb(7, 1), ALL),
    (&["jewish", "new", "year"], heb(7, 1), ALL),
    (&["yom", "kippur"], heb(7, 10), ALL),
    (&["day", "of", "atonement"], heb(7, 10), ALL),
    (&["sukkot"], heb(7, 15), ALL),
    (&["succos"], heb(7, 15), ALL),
    (&["sukkos"], heb(7, 15), ALL),
    (&["succot"], heb(7, 15), ALL),
    (&["feast", "of", "tabernacles"], heb(7, 15), ALL),
    (&["feast", "of", "booths"], heb(7, 15), ALL),
    (&["feast", "of", "the", "ingathering"], heb(7, 15), ALL),
    (&["feast", "of", "ingathering"], heb(7, 15), ALL),
    (&["shemini", "atzeret"], heb(7, 22), ALL),
    (&["simchat", "torah"], heb(7, 23), ALL),
    (&["simhat", "torah"], heb(7, 23), ALL),
    (&["hanukkah"], heb(9, 25), ALL),
    (&["hanukah"], heb(9, 25), ALL),
    (&["hannukkah"], heb(9, 25), ALL),
    (&["hannukah"], heb(9, 25), ALL),
    (&["chanukah"], heb(9, 25), ALL),
    (&["chanukkah"], heb(9, 25), ALL),
    (&["channukah"], heb(9, 25), ALL),
    (&["tu", "bishvat"], heb(11, 15), ALL),
    (&["tu", "b'shvat"], heb(11, 15), ALL),
    (&["purim"], heb(12, 14), ALL),
    (&["shushan", "purim"], heb(12, 15), ALL),
    (&["passover"], heb(1, 15), ALL),
    (&["pesach"], heb(1, 15), ALL),
    (&["yom", "hashoah"], Hol::Hebrew(1, 27, 1), ALL),
    (&["holocaust", "day"], Hol::Hebrew(1, 27, 1), ALL),
    // Britain and the UN keep 27 January (the liberation of Auschwitz).
    (&["holocaust", "day"], Hol::Fixed(1, 27), GB | IE),
    (&["holocaust", "memorial", "day"], Hol::Fixed(1, 27), ALL),
    (&["holocaust", "remembrance", "day"], Hol::Fixed(1, 27), ALL),
    (&["yom", "haatzmaut"], Hol::Hebrew(2, 5, 2), ALL),
    (&["yom", "ha'atzmaut"], Hol::Hebrew(2, 5, 2), ALL),
    (&["lag", "b'omer"], heb(2, 18), ALL),
    (&["lag", "baomer"], heb(2, 18), ALL),
    (&["lag", "ba'omer"], heb(2, 18), ALL),
    (&["yom", "yerushalayim"], heb(2, 28), ALL),
    (&["jerusalem", "day"], heb(2, 28), ALL),
    (&["shavuot"], heb(3, 6), ALL),
    (&["shavuos"], heb(3, 6), ALL),
    (&["tisha", "b'av"], Hol::Hebrew(5, 9, 3), ALL),
    (&["tisha", "bav"], Hol::Hebrew(5, 9, 3), ALL),
    (&["tisha", "beav"], Hol::Hebrew(5, 9, 3), ALL),
    // Islamic calendar
    (&["ramadan"], Hol::Islamic(9, 1), ALL),
    (&["ramazan"], Hol::Islamic(9, 1), ALL),
    (&["ramzan"], Hol::Islamic(9, 1), ALL),
    (&["ramzaan"], Hol::Islamic(9, 1), ALL),
    (&["eid", "al", "fitr"], Hol::Islamic(10, 1), ALL),
    (&["eid", "ul", "fitr"], Hol::Islamic(10, 1), ALL),
    (&["id", "al", "fitr"], Hol::Islamic(10, 1), ALL),
    (&["id", "ul", "fitr"], Hol::Islamic(10, 1), ALL),
    (&["eid", "al", "adha"], Hol::Islamic(12, 10), ALL),
    (&["eid", "ul", "adha"], Hol::Islamic(12, 10), ALL),
    (&["id", "al", "adha"], Hol::Islamic(12, 10), ALL),
    (&["id", "ul", "adha"], Hol::Islamic(12, 10), ALL),
    (&["eid", "al", "azha"], Hol::Islamic(12, 10), ALL),
    (&["bakr", "id"], Hol::Islamic(12, 10), ALL),
    (&["bakrid"], Hol::Islamic(12, 10), ALL),
    (&["bakra", "eid"], Hol::Islamic(12, 10), ALL),
    (&["sacrifice", "feast"], Hol::Islamic(12, 10), ALL),
    (
        &["feast", "of", "the", "sacrifice"],
        Hol::Islamic(12, 10),
        ALL,
    ),
    (&["day", "of", "arafat"], Hol::Islamic(12, 9), ALL),
    (&["laylat", "al", "qadr"], Hol::Islamic(9, 27), ALL),
    (&["laylat", "al", "kadr"], Hol::Islamic(9, 27), ALL),
    (&["lailat", "al", "qadr"], Hol::Islamic(9, 27), ALL),
    (&["night", "of", "power"], Hol::Islamic(9, 27), ALL),
    (&["night", "of", "measures"], Hol::Islamic(9, 27), ALL),
    (&["night", "of", "decree"], Hol::Islamic(9, 27), ALL),
    (&["islamic", "new", "year"], Hol::Islamic(1, 1), ALL),
    (&["hijri", "new", "year"], Hol::Islamic(1, 1), ALL),
    (&["muharram"], Hol::Islamic(1, 1), ALL),
    (&["ashura"], Hol::Islamic(1, 10), ALL),
    (&["day", "of", "ashura"], Hol::Islamic(1, 10), ALL),
    (&["mawlid"], Hol::Islamic(3, 12), ALL),
    (&["mawlid", "al", "nabawi"], Hol::Islamic(3, 12), ALL),
    (&["mawlid", "an", "nabi"], Hol::Islamic(3, 12), ALL),
    (&["milad", "un", "nabi"], Hol::Islamic(3, 12), ALL),
    (&["isra", "and", "mi'raj"], Hol::Islamic(7, 27), ALL),
    (&["isra", "and", "miraj"], Hol::Islamic(7, 27), ALL),
    (&["the", "prophet", "ascension"], Hol::Islamic(7, 27), ALL),
    (&["prophet", "ascension"], Hol::Islamic(7, 27), ALL),
    (&["the", "night", "journey"], Hol::Islamic(7, 27), ALL),
    (&["ascension", "to", "heaven"], Hol::Islamic(7, 27), ALL),
    // Ali's birthday (13 Rajab), a public holiday in India and Iraq.
    (&["hazarat", "ali", "birthday"], Hol::Islamic(7, 13), ALL),
    (&["hazrat", "ali", "birthday"], Hol::Islamic(7, 13), ALL),
    (&["hazrat", "ali", "jayanti"], Hol::Islamic(7, 13), ALL),
    // Ashura as Trinidad and Tobago and Jamaica keep it.
    (&["hosay"], Hol::Islamic(1, 10), ALL),
    (&["hussay"], Hol::Islamic(1, 10), ALL),
    (&["jamat", "ul", "vida"], Hol::LastFridayOfRamadan, ALL),
    (&["jumu'atul", "wida"], Hol::LastFridayOfRamadan, ALL),
    (&["jumu'atul", "vida"], Hol::LastFridayOfRamadan, ALL),
    // Hindu, Sikh, Jain and Buddhist calendars
    (&["diwali"], lunar(ASHVIN, 30, Evening), ALL),
    (&["deepavali"], lunar(ASHVIN, 30, Evening), ALL),
    (&["divali"], lunar(ASHVIN, 30, Evening), ALL),
    (&["lakshmi", "puja"], lunar(ASHVIN, 30, Evening), ALL),
    (&["dhanteras"], lunar(ASHVIN, 28, Evening), ALL),
    (&["dhanatrayodashi"], lunar(ASHVIN, 28, Evening), ALL),
    (&["kali", "chaudas"], lunar(ASHVIN, 29, Midnight), ALL),
    (&["choti", "diwali"], lunar(ASHVIN, 29, Midnight), ALL),
    (&["chhoti", "diwali"], lunar(ASHVIN, 29, Midnight), ALL),
    (&["naraka", "chaturdashi"], lunar(ASHVIN, 29, Midnight), ALL),
    (&["govardhan", "puja"], lunar(KARTIKA, 1, Sunrise), ALL),
    (&["bhai", "dooj"], lunar(KARTIKA, 2, Afternoon), ALL),
    (&["bhau", "beej"], lunar(KARTIKA, 2, Afternoon), ALL),
    (&["bhai", "tika"], lunar(KARTIKA, 2, Afternoon), ALL),
    (&["chhath"], lunar(KARTIKA, 6, Evening), ALL),
    (&["chhath", "puja"], lunar(KARTIKA, 6, Evening), ALL),
    (&["dala", "puja"], lunar(KARTIKA, 6, Evening), ALL),
    (&["surya", "shashthi"], lunar(KARTIKA, 6, Evening), ALL),
    (
        &["guru", "nanak", "jayanti"],
        lunar(KARTIKA, 15, Sunrise),
        ALL,
    ),
    (
        &["guru", "nanak", "gurpurab"],
        lunar(KARTIKA, 15, Sunrise),
        ALL,
    ),
    (&["navaratri"], lunar(ASHVIN, 1, Sunrise), ALL),
    (&["navratri"], lunar(ASHVIN, 1, Sunrise), ALL),
    (&["durga", "puja"], lunar(ASHVIN, 1, Sunrise), ALL),
    (&["maha", "saptami"], lunar(ASHVIN, 7, Sunrise), ALL),
    (&["durga", "saptami"], lunar(ASHVIN, 7, Sunrise), ALL),
    (&["maha", "ashtami"], lunar(ASHVIN, 8, Sunrise), ALL),
    (&["durga", "ashtami"], lunar(ASHVIN, 8, Sunrise), ALL),
    (&["maha", "navami"], lunar(ASHVIN, 9, Sunrise), ALL),
    (&["dussehra"], lunar(ASHVIN, 10, Afternoon), ALL),
    (&["dussera"], lunar(ASHVIN, 10, Afternoon), ALL),
    (&["dasara"], lunar(ASHVIN, 10, Afternoon), ALL),
    (&["vijayadashami"], lunar(ASHVIN, 10, Afternoon), ALL),
    (&["vijaya", "dashami"], lunar(ASHVIN, 10, Afternoon), ALL),
    (&["karva", "chauth"], lunar(ASHVIN, 19, Moonrise), ALL),
    (&["karwa", "chauth"], lunar(ASHVIN, 19, Moonrise), ALL),
    (&["sharad", "purnima"], lunar(ASHVIN, 15, Evening), ALL),
    (&["valmiki", "jayanti"], lunar(ASHVIN, 15, Sunrise), ALL),
    (
        &["maharishi", "valmiki", "jayanti"],
        lunar(ASHVIN, 15, Sunrise),
        ALL,
    ),
    (&["pargat", "diwas"], lunar(ASHVIN, 15, Sunrise), ALL),
    (&["ratha", "yatra"], lunar(ASHADHA, 2, Sunrise), ALL),
    (&["rath", "yatra"], lunar(ASHADHA, 2, Sunrise), ALL),
    (&["guru", "purnima"], lunar(ASHADHA, 15, Sunrise), ALL),
    (&["raksha", "bandhan"], lunar(SHRAVANA, 15, Afternoon), ALL),
    (&["rakhi"], lunar(SHRAVANA, 15, Afternoon), ALL),
    (&["janmashtami"], lunar(SHRAVANA, 23, Midnight), ALL),
    (
        &["krishna", "janmashtami"],
        lunar(SHRAVANA, 23, Midnight),
        ALL,
    ),
    (&["gokulashtami"], lunar(SHRAVANA, 23, Midnight), ALL),
    (&["ganesh", "chaturthi"], lunar(BHADRAPADA, 4, Midday), ALL),
    (
        &["vinayaka", "chaturthi"],
        lunar(BHADRAPADA, 4, Midday),
        ALL,
    ),
    (&["ganesha", "chaturthi"], lunar(BHADRAPADA, 4, Midday), ALL),
    (&["rama", "navami"], lunar(CHAITRA, 9, Midday), ALL),
    (&["ram", "navami"], lunar(CHAITRA, 9, Midday), ALL),
    (&["mahavir", "jayanti"], lunar(CHAITRA, 13, Sunrise), ALL),
    (&["mahaveer", "jayanti"], lunar(CHAITRA, 13, Sunrise), ALL),
    (
        &["mahaveer", "janma", "kalyanak"],
        lunar(CHAITRA, 13, Sunrise),
        ALL,
    ),
    (
        &["mahavir", "janma", "kalyanak"],
        lunar(CHAITRA, 13, Sunrise),
        ALL,
    ),
    (&["hanuman", "jayanti"], lunar(CHAITRA, 15, Sunrise), ALL),
    (&["ugadi"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["yugadi"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["gudi", "padwa"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["samvatsaradi"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["chaitra", "sukladi"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["chaitra", "sukhladi"], lunar(CHAITRA, 1, Sunrise), ALL),
    (&["akshaya", "tritiya"], lunar(VAISHAKHA, 3, Sunrise), ALL),
    (&["buddha", "purnima"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["buddha", "jayanti"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["buddha", "day"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["vesak"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["wesak"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["vaisakha"], lunar(VAISHAKHA, 15, Evening), ALL),
    (&["maha", "shivaratri"], lunar(MAGHA, 29, Midnight), ALL),
    (&["maha", "shivratri"], lunar(MAGHA, 29, Midnight), ALL),
    (&["mahashivratri"], lunar(MAGHA, 29, Midnight), ALL),
    (&["mahashivaratri"], lunar(MAGHA, 29, Midnight), ALL),
    (&["vasant", "panchami"], lunar(MAGHA, 5, Sunrise), ALL),
    (&["basant", "panchami"], lunar(MAGHA, 5, Sunrise), ALL),
    (&["saraswati", "puja"], lunar(MAGHA, 5, Sunrise), ALL),
    (
        &["guru", "ravidas", "jayanti"],
        lunar(MAGHA, 15, Sunrise),
        ALL,
    ),
    (
        &["guru", "ravidass", "jayanti"],
        lunar(MAGHA, 15, Sunrise),
        ALL,
    ),
    (
        &["guru", "ravidas", "birthday"],
        lunar(MAGHA, 15, Sunrise),
        ALL,
    ),
    (
        &["guru", "ravidass", "birthday"],
        lunar(MAGHA, 15, Sunrise),
        ALL,
    ),
    (
        &["guru", "gobind", "singh", "jayanti"],
        lunar(PAUSHA, 7, Sunrise),
        ALL,
    ),
    (
        &["guru", "govind", "singh", "jayanti"],
        lunar(PAUSHA, 7, Sunrise),
        ALL,
    ),
    (
        &["guru", "gobind", "singh", "birthday"],
        lunar(PAUSHA, 7, Sunrise),
        ALL,
    ),
    (
        &["guru", "govind", "singh", "birthday"],
        lunar(PAUSHA, 7, Sunrise),
        ALL,
    ),
    (&["holika", "dahan"], lunar(PHALGUNA, 15, Evening), ALL),
    (&["chhoti", "holi"], lunar(PHALGUNA, 15, Evening), ALL),
    (&["choti", "holi"], lunar(PHALGUNA, 15, Evening), ALL),
    (&["kamudu", "pyre"], lunar(PHALGUNA, 15, Evening), ALL),
    (&["holi"], Hol::Lunar(PHALGUNA, 15, Evening, 1), ALL),
    (&["dhulandi"], Hol::Lunar(PHALGUNA, 15, Evening, 1), ALL),
    (&["dhuleti"], Hol::Lunar(PHALGUNA, 15, Evening, 1), ALL),
    (&["phagwah"], Hol::Lunar(PHALGUNA, 15, Evening, 1), ALL),
    (&["makar", "sankranti"], makara(0), ALL),
    (&["makara", "sankranti"], makara(0), ALL),
    (&["makara", "sankranthi"], makara(0), ALL),
    (&["pongal"], makara(0), ALL),
    (&["thai", "pongal"], makara(0), ALL),
    (&["maghi"], makara(0), ALL),
    (&["uttarayan"], makara(0), ALL),
    (&["bogi"], makara(-1), ALL),
    (&["bhogi"], makara(-1), ALL),
    (&["bogi", "pandigai"], makara(-1), ALL),
    (&["maattu", "pongal"], makara(1), ALL),
    (&["mattu", "pongal"], makara(1), ALL),
    (&["kaanum", "pongal"], makara(2), ALL),
    (&["kanni", "pongal"], makara(2), ALL),
    (&["vaisakhi"], Hol::Sankranti(0, 0), ALL),
    (&["baisakhi"], Hol::Sankranti(0, 0), ALL),
    (&["vasakhi"], Hol::Sankranti(0, 0), ALL),
    (&["vaishakhi"], Hol::Sankranti(0, 0), ALL),
    (&["onam"], Hol::Onam, ALL),
    (&["thiruvonam"], Hol::Onam, ALL),
    (&["thiru", "onam"], Hol::Onam, ALL),
    // Chinese calendar
    (&["chinese", "new", "year"], Hol::ChineseNewYear, ALL),
    (&["chinese", "new", "years"], Hol::ChineseNewYear, ALL),
    (&["chinese", "new", "year", "day"], Hol::ChineseNewYear, ALL),
    (
        &["chinese", "lunar", "new", "year"],
        Hol::ChineseNewYear,
        ALL,
    ),
    (
        &["chinese", "lunar", "new", "year", "day"],
        Hol::ChineseNewYear,
        ALL,
    ),
    (&["lunar", "new", "year"], Hol::ChineseNewYear, ALL),
    (&["lunar", "new", "year", "day"], Hol::ChineseNewYear, ALL),
    // Fixed days, everywhere
    (&["new", "year", "day"], Hol::Fixed(1, 1), ALL),
    (&["king", "day"], Hol::KingsDay, ALL),
    (&["kings", "day"], Hol::KingsDay, ALL),
    (&["koningsdag"], Hol::KingsDay, ALL),
    (&["rabindra", "jayanti"], Hol::Fixed(5, 9), ALL),
    (&["rabindranath", "jayanti"], Hol::Fixed(5, 9), ALL),
    (&["shivaji", "jayanti"], Hol::Fixed(2, 19), ALL),
    (&["world", "aids", "day"], Hol::Fixed(12, 1), ALL),
    (&["international", "women", "day"], Hol::Fixed(3, 8), ALL),
    (&["international", "womens", "day"], Hol::Fixed(3, 8), ALL),
    (&["womens", "day"], Hol::Fixed(3, 8), ALL),
    (&["women", "day"], Hol::Fixed(3, 8), ALL),
    (&["international", "workers", "day"], Hol::Fixed(5, 1), ALL),
    (&["workers", "day"], Hol::Fixed(5, 1), ALL),
    (&["april", "fools", "day"], Hol::Fixed(4, 1), ALL),
    (&["april", "fool", "day"], Hol::Fixed(4, 1), ALL),
    (&["ides", "of", "march"], Hol::Fixed(3, 15), ALL),
    (&["the", "ides", "of", "march"], Hol::Fixed(3, 15), ALL),
    (&["d", "day"], Hol::Fixed(6, 6), ALL),
    (&["v", "e", "day"], Hol::Fixed(5, 8), ALL),
    (&["ve", "day"], Hol::Fixed(5, 8), ALL),
    (&["world", "environment", "day"], Hol::Fixed(6, 5), ALL),
    (&["human", "rights", "day"], Hol::Fixed(12, 10), ALL),
    (&["united", "nations", "day"], Hol::Fixed(10, 24), ALL),
    (&["un", "day"], Hol::Fixed(10, 24), ALL),
    // United States
    (&["decoration", "day"], Hol::NthWd(5, 1, -1), US),
    (&["law", "day"], Hol::Fixed(5, 1), US),
    (&["lei", "day"], Hol::Fixed(5, 1), US),
    (&["loyalty", "day"], Hol::Fixed(5, 1), US),
    (&["george", "washington", "day"], Hol::NthWd(2, 1, 3), US),
    (&["washington", "day"], Hol::NthWd(2, 1, 3), US),
    (
        &["daisy", "gatson", "bates", "day"],
        Hol::NthWd(2, 1, 3),
        US,
    ),
    (&["lincolns", "birthday"], Hol::Fixed(2, 12), US),
    (&["lincoln", "birthday"], Hol::Fixed(2, 12), US),
    (&["grandparents", "day"], Hol::NthWdPlus(9, 1, 1, 6), ALL),
    (
        &["national", "grandparents", "day"],
        Hol::NthWdPlus(9, 1, 1, 6),
        US,
    ),
    (
        &["military", "spouse", "day"],
        Hol::NthWdPlus(5, 7, 2, -2),
        US,
    ),
    (&["emancipation", "day"], Hol::EmancipationDay, US),
    (&["tax", "day"], Hol::TaxDay, US),
    (&["admins", "day"], Hol::AdminDay, ALL),
    (&["patriots", "day"], Hol::NthWd(4, 1, 3), US),
    (&["flag", "day"], Hol::Fixed(6, 14), US),
    (&["constitution", "day"], Hol::Fixed(9, 17), US),
    (&["citizenship", "day"], Hol::Fixed(9, 17), US),
    (
        &["pearl", "harbor", "remembrance", "day"],
        Hol::Fixed(12, 7),
        US,
    ),
    (&["indigenous", "peoples", "day"], Hol::NthWd(10, 1, 2), US),
    (&["daylight", "saving", "start"], Hol::NthWd(3, 7, 2), US),
    (&["daylight", "savings", "start"], Hol::NthWd(3, 7, 2), US),
    (
        &["daylight", "saving", "start", "day"],
        Hol::NthWd(3, 7, 2),
        US,
    ),
    (
        &["daylight", "savings", "start", "day"],
        Hol::NthWd(3, 7, 2),
        US,
    ),
    (&["daylight", "saving", "end"], Hol::NthWd(11, 7, 1), US),
    (&["daylight", "savings", "end"], Hol::NthWd(11, 7, 1), US),
    (
        &["daylight", "saving", "end", "day"],
        Hol::NthWd(11, 7, 1),
        US,
    ),
    (
        &["daylight", "savings", "end", "day"],
        Hol::NthWd(11, 7, 1),
        US,
    ),
    // Canada
    (&["memorial", "day"], Hol::Fixed(7, 1), CA),
    (&["dominion", "day"], Hol::Fixed(7, 1), CA),
    (&["vimy", "ridge", "day"], Hol::Fixed(4, 9), CA),
    (&["the", "glorious", "twelfth"], Hol::Fixed(7, 12), CA),
    (&["glorious", "twelfth"], Hol::Fixed(7, 12), CA),
    (&["orangemen", "day"], Hol::Fixed(7, 12), CA),
    (&["orangemens", "day"], Hol::Fixed(7, 12), CA),
    (&["the", "twelfth"], Hol::Fixed(7, 12), CA),
    (&["discovery", "day"], Hol::WdOnOrAfter(6, 21, 1), CA),
    (&["victoria", "day"], Hol::WdOnOrAfter(5, 18, 1), CA),
    (&["sovereign", "birthday"], Hol::WdOnOrAfter(5, 18, 1), CA),
    (&["sovereigns", "birthday"], Hol::WdOnOrAfter(5, 18, 1), CA),
    (
        &["national", "patriots", "day"],
        Hol::WdOnOrAfter(5, 18, 1),
        CA,
    ),
    (&["civic", "holiday"], Hol::NthWd(8, 1, 1), CA),
    (&["british", "columbia", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["natal", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["new", "brunswick", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["saskatchewan", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["terry", "fox", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["heritage", "day"], Hol::NthWd(8, 1, 1), CA),
    (&["family", "day"], Hol::NthWd(2, 1, 3), CA),
    (&["islander", "day"], Hol::NthWd(2, 1, 3), CA),
    (&["louis", "riel", "day"], Hol::NthWd(2, 1, 3), CA),
    (
        &["nova", "scotia", "heritage", "day"],
        Hol::NthWd(2, 1, 3),
        CA,
    ),
    (&["st", "jean", "baptiste", "day"], Hol::Fixed(6, 24), CA),
    (&["national", "aboriginal", "day"], Hol::Fixed(6, 21), CA),
    // Britain and Ireland
    (&["august", "bank", "holiday"], Hol::NthWd(8, 1, -1), GB),
    (&["summer", "bank", "holiday"], Hol::NthWd(8, 1, -1), GB),
    (
        &["late", "summer", "bank", "holiday"],
        Hol::NthWd(8, 1, -1),
        GB,
    ),
    (&["spring", "bank", "holiday"], Hol::NthWd(5, 1, -1), GB),
    (
        &["early", "may", "bank", "holiday"],
        Hol::NthWd(5, 1, 1),
        GB | IE,
    ),
    (&["august", "bank", "holiday"], Hol::NthWd(8, 1, 1), IE),
    (&["summer", "bank", "holiday"], Hol::NthWd(8, 1, 1), IE),
    (&["june", "bank", "holiday"], Hol::NthWd(6, 1, 1), IE),
    (&["october", "bank", "holiday"], Hol::NthWd(10, 1, -1), IE),
    (&["labour", "day"], Hol::NthWd(5, 1, 1), IE),
    (&["labor", "day"], Hol::NthWd(5, 1, 1), IE),
    // Australia and New Zealand
    (&["father", "day"], Hol::NthWd(9, 7, 1), AU | NZ),
    (&["fathers", "day"], Hol::NthWd(9, 7, 1), AU | NZ),
    (&["labour", "day"], Hol::NthWd(10, 1, 1), AU),
    (&["labor", "day"], Hol::NthWd(10, 1, 1), AU),
    (&["labour", "day"], Hol::NthWd(10, 1, 4), NZ),
    (&["labor", "day"], Hol::NthWd(10, 1, 4), NZ),
    (&["reconciliation", "day"], Hol::WdOnOrAfter(5, 27, 1), AU),
    (&["admin", "day"], Hol::NthWd(5, 5, 1), AU),
    (&["admin", "day"], Hol::NthWd(4, 3, 3), NZ),
    (&["waitangi", "day"], Hol::Fixed(2, 6), NZ),
    // South Asia, Africa, the Caribbean, the Philippines
    (&["independence", "day"], Hol::Fixed(8, 15), IN),
    (&["republic", "day"], Hol::Fixed(1, 26), IN),
    (&["gandhi", "jayanti"], Hol::Fixed(10, 2), ALL),
    (&["labour", "day"], Hol::Fixed(5, 1), IN | ZA | PH | BZ),
    (&["labor", "day"], Hol::Fixed(5, 1), IN | ZA | PH | BZ),
    (&["labour", "day"], Hol::Fixed(6, 19), TT),
    (&["labor", "day"], Hol::Fixed(6, 19), TT),
    (&["labour", "day"], Hol::Fixed(5, 23), JM),
    (&["labor", "day"], Hol::Fixed(5, 23), JM),
    (&["indian", "arrival", "day"], Hol::Fixed(5, 30), TT),
    (&["heroes", "day"], Hol::NthWd(10, 1, 3), JM),
    (&["national", "heroes", "day"], Hol::NthWd(10, 1, 3), JM),
    (&["heroes", "day"], Hol::Fixed(10, 10), ZA),
    (&["kruger", "day"], Hol::Fixed(10, 10), ZA),
    (&["day", "of", "the", "vow"], Hol::Fixed(12, 16), ZA),
    (&["day", "of", "reconciliation"], Hol::Fixed(12, 16), ZA),
    (&["day", "of", "the", "covenant"], Hol::Fixed(12, 16), ZA),
    (&["freedom", "day"], Hol::Fixed(4, 27), ZA),
    (&["youth", "day"], Hol::Fixed(6, 16), ZA),
    (&["heritage", "day"], Hol::Fixed(9, 24), ZA),
    (&["admin", "day"], Hol::NthWd(9, 3, 1), ZA),
    (&["garifuna", "settlement", "day"], Hol::Fixed(11, 19), BZ),
    (&["independence", "day"], Hol::Fixed(6, 12), PH),
    (&["rizal", "day"], Hol::Fixed(12, 30), PH),
    (&["bonifacio", "day"], Hol::Fixed(11, 30), PH),
    (&["national", "heroes", "day"], Hol::NthWd(8, 1, -1), PH),
];
