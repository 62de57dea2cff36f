//! What an article is about, from its vocabulary: sport and entertainment stories use the
//! words of conflict and diplomacy ("attack", "beat", "host", "sign", "clash") for games,
//! transfers and premieres, so events there need an unmistakably political actor.

use dateline_core::Document;

/// The broad domain of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// Politics, diplomacy, conflict: every event type counts.
    Politics,
    /// Sport: contests are not conflict.
    Sport,
    /// Entertainment and the arts.
    Entertainment,
    /// Anything else (business, technology, …).
    General,
}

const SPORT: &[&str] = &[
    "match",
    "matches",
    "cup",
    "league",
    "coach",
    "striker",
    "goal",
    "goals",
    "season",
    "championship",
    "championships",
    "tournament",
    "squad",
    "injury",
    "victory",
    "defeat",
    "final",
    "semi-final",
    "quarter-final",
    "medal",
    "olympic",
    "olympics",
    "sprint",
    "marathon",
    "tennis",
    "football",
    "rugby",
    "cricket",
    "golf",
    "athletics",
    "club",
    "stadium",
    "scored",
    "score",
    "referee",
    "midfielder",
    "defender",
    "goalkeeper",
    "wicket",
    "innings",
    "slam",
    "seed",
    "player",
    "players",
    "team",
    "manager",
    "fixture",
    "premiership",
    "fa",
    "uefa",
    "fifa",
    "iaaf",
    "nations",
    "test",
    "boxing",
    "champion",
    "title",
    "win",
    "won",
    "beat",
    "draw",
    "drew",
    "penalty",
    "try",
    "tries",
    "half-time",
    "kick",
    "round",
    "game",
    "games",
    "race",
    "athlete",
    "athletes",
    "sport",
    "sports",
    "fans",
    "transfer",
    "captain",
    "debut",
    "cap",
    "caps",
    "unbeaten",
    "points",
    "lions",
    "wimbledon",
    "tour",
    "world-record",
    "record",
];

const ENTERTAINMENT: &[&str] = &[
    "film",
    "films",
    "album",
    "albums",
    "band",
    "singer",
    "actor",
    "actress",
    "movie",
    "movies",
    "box",
    "office",
    "chart",
    "charts",
    "oscar",
    "oscars",
    "award",
    "awards",
    "festival",
    "music",
    "song",
    "songs",
    "show",
    "tv",
    "television",
    "star",
    "stars",
    "director",
    "hollywood",
    "theatre",
    "comedy",
    "series",
    "bafta",
    "baftas",
    "grammy",
    "grammys",
    "single",
    "label",
    "gig",
    "concert",
    "novel",
    "book",
    "author",
    "musical",
    "drama",
    "sitcom",
    "soap",
    "episode",
    "premiere",
    "audience",
    "audiences",
    "rapper",
    "pop",
    "rock",
    "hit",
    "hits",
    "singles",
    "nominated",
    "nomination",
    "nominations",
    "viewers",
    "broadway",
    "actors",
    "comedian",
    "play",
    "stage",
    "dvd",
    "studio",
    "cinema",
];

const POLITICS: &[&str] = &[
    "government",
    "minister",
    "ministers",
    "president",
    "parliament",
    "election",
    "elections",
    "party",
    "sanctions",
    "military",
    "troops",
    "war",
    "talks",
    "summit",
    "diplomatic",
    "diplomats",
    "police",
    "nato",
    "un",
    "eu",
    "embassy",
    "ambassador",
    "envoy",
    "ceasefire",
    "rebels",
    "army",
    "security",
    "foreign",
    "treaty",
    "negotiations",
    "prime",
    "senate",
    "congress",
    "opposition",
    "protesters",
    "peace",
    "conflict",
    "sovereign",
    "policy",
    "secretary",
    "labour",
    "conservative",
    "tory",
    "tories",
    "democrats",
    "republicans",
    "mps",
    "mp",
    "vote",
    "minister's",
    "kremlin",
    "white",
];

/// Classifies a document by the density of each domain's cue words.
pub fn classify(doc: &Document) -> Domain {
    let mut counts = [0usize; 3];
    let mut total = 0usize;
    let words: Vec<String> = if doc.tokens.is_empty() {
        doc.text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    } else {
        doc.tokens.iter().map(|t| t.text.to_lowercase()).collect()
    };
    for w in &words {
        total += 1;
        if SPORT.contains(&w.as_str()) {
            counts[0] += 1;
        }
        if ENTERTAINMENT.contains(&w.as_str()) {
            counts[1] += 1;
        }
        if POLITICS.contains(&w.as_str()) {
            counts[2] += 1;
        }
    }
    if total == 0 {
        return Domain::General;
    }
    let [sport, ent, pol] = counts;
    // Densities in cue words per hundred tokens; politics needs to clearly win to override.
    let density = |c: usize| c as f64 * 100.0 / total as f64;
    if sport >= 4 && density(sport) >= 2.0 && sport > pol * 2 && sport >= ent {
        Domain::Sport
    } else if ent >= 4 && density(ent) >= 2.0 && ent > pol * 2 {
        Domain::Entertainment
    } else if pol >= 2 && density(pol) >= 1.0 {
        Domain::Politics
    } else {
        Domain::General
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::Source;

    fn doc(text: &str) -> Document {
        Document::new("d", Source::text("t"), text.to_string())
    }

    #[test]
    fn classifies_sport_entertainment_and_politics() {
        let sport = doc("Wales beat England in the Six Nations match. The coach praised the squad after the victory, and the fans cheered the team's first title in the league this season.");
        assert_eq!(classify(&sport), Domain::Sport);
        let ent = doc("The singer's new album topped the chart as the band won an award at the festival; the film star and director attended the premiere of the movie.");
        assert_eq!(classify(&ent), Domain::Entertainment);
        let pol = doc("The prime minister met the president for talks on sanctions at the summit, the government said.");
        assert_eq!(classify(&pol), Domain::Politics);
        assert_eq!(classify(&doc("")), Domain::General);
    }
}
