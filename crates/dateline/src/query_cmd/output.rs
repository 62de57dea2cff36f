//! What the store commands write: fixed-width tables, CSV rows and JSON, and the events
//! list `query` and `timeline` share.

use super::Format;
use dateline_store::{CorpusEvent, QuoteRow};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

pub(super) const EVENT_CSV_HEADER: &[&str] = &[
    "id",
    "type",
    "mode",
    "status",
    "label",
    "time",
    "date_start",
    "date_end",
    "first_reported",
    "last_reported",
    "sources",
    "documents",
    "actors",
    "history",
];

pub(super) fn event_csv(e: &CorpusEvent) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        e.kind.clone(),
        o(&e.mode),
        e.status.clone(),
        e.label.clone(),
        o(&e.time),
        o(&e.date_start),
        o(&e.date_end),
        o(&e.first_reported),
        o(&e.last_reported),
        e.sources.to_string(),
        e.documents.to_string(),
        e.actors
            .iter()
            .map(|a| format!("{} ({}, #{})", a.name, a.role, a.id))
            .collect::<Vec<_>>()
            .join("; "),
        e.history
            .iter()
            .map(|h| format!("{} since {}", h.status, h.since.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

pub(super) const QUOTE_CSV_HEADER: &[&str] = &[
    "id",
    "document",
    "published",
    "speaker",
    "speaker_id",
    "speaker_text",
    "kind",
    "cue",
    "text",
];

pub(super) fn quote_csv(q: &QuoteRow) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        q.id.to_string(),
        q.document.clone(),
        o(&q.published),
        q.speaker
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        q.speaker
            .as_ref()
            .map(|s| s.id.to_string())
            .unwrap_or_default(),
        o(&q.speaker_text),
        q.kind.clone(),
        o(&q.cue),
        q.text.clone(),
    ]
}

/// Cuts `s` to `width` chars, with an ellipsis when cut.
pub(super) fn fit(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= width {
        s
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub(super) fn table(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
    max: &[usize],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().zip(max).map(|(c, m)| fit(c, *m)).collect())
        .collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| -> String {
        let mut s = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ");
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    out.write_all(line(header.iter().map(|h| h.to_string()).collect()).as_bytes())?;
    for r in rows {
        out.write_all(line(r).as_bytes())?;
    }
    Ok(())
}

pub(super) fn write_json<T: Serialize>(
    out: &mut impl Write,
    format: Format,
    items: &[T],
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, items)?;
            out.write_all(b"\n")
        }
        _ => {
            for item in items {
                serde_json::to_writer(&mut *out, item)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

pub(super) fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(super) fn when(e: &CorpusEvent) -> String {
    match (&e.date_start, &e.date_end) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a}..{}", &b[5..]),
        _ => e
            .first_reported
            .as_ref()
            .map(|d| format!("({d})"))
            .unwrap_or_else(|| "?".into()),
    }
}

pub(super) fn print_events(events: &[CorpusEvent], format: Format) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        when(e),
                        e.kind.clone(),
                        e.status.clone(),
                        e.label.clone(),
                        e.sources.to_string(),
                        e.first_reported.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            table(
                &mut out,
                &[
                    "ID",
                    "WHEN",
                    "TYPE",
                    "STATUS",
                    "EVENT",
                    "REPORTS",
                    "FIRST REPORTED",
                ],
                &rows,
                &[8, 24, 10, 12, 70, 7, 14],
            )?;
            if events.is_empty() {
                writeln!(out, "(no events)")?;
            }
        }
        Format::Csv => {
            out.write_all(
                csv_line(
                    &EVENT_CSV_HEADER
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                )
                .as_bytes(),
            )?;
            for e in events {
                out.write_all(csv_line(&event_csv(e)).as_bytes())?;
            }
        }
        Format::Json | Format::Jsonl => write_json(&mut out, format, events)?,
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn fit_cuts_by_chars() {
        assert_eq!(fit("Zelenskyy’s", 5), "Zele…");
        assert_eq!(fit("short", 10), "short");
    }
}
