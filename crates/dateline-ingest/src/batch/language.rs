//! Which articles are in English: a fast count of English function words, else whatlang.

use dateline_core::Article;

/// The language of an article's text, as an ISO 639-3 code (`eng`, `deu`…), when it can
/// be told reliably. Short or mixed texts give `None` and are treated as English.
pub fn detect_language(article: &Article) -> Option<&'static str> {
    let sample: String = match &article.title {
        Some(t) => t
            .chars()
            .chain(std::iter::once('\n'))
            .chain(article.body.chars())
            .take(2000)
            .collect(),
        None => article.body.chars().take(2000).collect(),
    };
    let info = whatlang::detect(&sample)?;
    info.is_reliable().then(|| info.lang().code())
}

/// True unless the article is reliably detected as written in another language than English.
pub fn is_english(article: &Article) -> bool {
    plainly_english(article) || detect_language(article).is_none_or(|code| code == "eng")
}

/// English function words that are not words of the other languages whatlang tells apart
/// with Latin script ("in", "a", "on", "was", "die" are left out for that reason).
const ENGLISH_MARKERS: [&str; 24] = [
    "the", "of", "and", "to", "that", "for", "with", "said", "has", "have", "from", "this", "his",
    "they", "were", "been", "which", "their", "who", "would", "it", "by", "are", "not",
];

/// A fast path for the common case: a text whose words are at least an eighth English
/// function words is English, and whatlang (a tenth of the time of a short article's whole
/// pipeline) need not run. Texts that fall short still go to whatlang, so this can only
/// keep an article, never skip one.
fn plainly_english(article: &Article) -> bool {
    let title = article.title.as_deref().unwrap_or("");
    let (mut words, mut markers) = (0usize, 0usize);
    let mut budget = 2000usize;
    'texts: for text in [title, article.body.as_str()] {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            // About the 2,000-char window whatlang is given.
            let chars = word.chars().count() + 1;
            if chars > budget {
                break 'texts;
            }
            budget -= chars;
            if word.is_empty() {
                continue;
            }
            words += 1;
            if word.len() <= 5 && ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
                markers += 1;
            }
        }
    }
    words >= 40 && markers * 8 >= words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::test_article as article;

    #[test]
    fn language_detection() {
        let en = article("The government announced on Tuesday that it would raise taxes on fuel, drawing criticism from opposition parties and business groups.", None);
        let de = article("Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu erhöhen, was bei Opposition und Wirtschaftsverbänden auf Kritik stieß.", None);
        assert!(is_english(&en));
        assert!(!is_english(&de));
        assert_eq!(detect_language(&de), Some("deu"));
        assert!(is_english(&article("OK", None)));
    }

    #[test]
    fn english_fast_path_keeps_english_and_leaves_the_rest_to_whatlang() {
        let en = "The government said on Tuesday that it would raise taxes on fuel from April, \
            drawing criticism from opposition parties, which have said that the rise would hurt \
            families who drive to work. Ministers have defended the plan, saying it was needed to \
            pay for the repair of roads and bridges that were damaged by floods this winter.";
        assert!(plainly_english(&article(en, None)));
        let others = [
            "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu \
             erhöhen, was bei der Opposition und den Wirtschaftsverbänden auf scharfe Kritik stieß. \
             Die Minister verteidigten den Plan und sagten, er sei nötig, um die Reparatur der \
             Straßen und Brücken zu bezahlen, die in diesem Winter durch Hochwasser beschädigt wurden.",
            "Le gouvernement a annoncé mardi qu'il allait augmenter les taxes sur le carburant à \
             partir d'avril, ce qui a suscité les critiques des partis d'opposition, qui estiment \
             que la hausse pénalisera les familles qui prennent la voiture pour aller travailler. \
             Les ministres ont défendu le projet, nécessaire selon eux pour réparer les routes.",
            "El gobierno anunció el martes que subirá los impuestos sobre el combustible a partir \
             de abril, lo que provocó las críticas de los partidos de la oposición, que afirman que \
             la subida perjudicará a las familias que usan el coche para ir a trabajar. Los \
             ministros defendieron el plan, que según ellos es necesario para reparar carreteras.",
        ];
        for text in others {
            assert!(!plainly_english(&article(text, None)), "{text}");
            assert!(!is_english(&article(text, None)), "{text}");
        }
        // Too short to tell by counting: whatlang decides.
        assert!(!plainly_english(&article("The talks.", None)));
    }
}
