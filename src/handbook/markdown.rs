//! Writing Markdown: text from the rulebook and the schema escaped, tables,
//! and the anchors GitHub gives headings.

/// Rulebook or schema text as one Markdown paragraph per blank-line separated
/// paragraph of the input: line breaks inside a paragraph become spaces, and
/// characters Markdown would read as markup are escaped.
pub(super) fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| escape_line_start(&escape(&p)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Plain text made safe inside a Markdown line: `\`, `*`, `` ` ``, `[`, `]`,
/// `<`, `>` and `|` are escaped, and `_` where it starts or ends a word (an
/// underscore inside a word, as in `uren_per_week`, is no markup).
pub(super) fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
        let escape_it = match c {
            '\\' | '*' | '`' | '[' | ']' | '<' | '>' | '|' => true,
            '_' => !(inside_word(i.checked_sub(1)) && inside_word(Some(i + 1))),
            _ => false,
        };
        if escape_it {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An escaped line that would start a list, heading or quote (`- `, `#`,
/// `2026. `) with that mark escaped as well.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some(c @ ('.' | ')')) if digits > 0 => format!("{}\\{c}{}", &line[..digits], &line[digits + 1..]),
        _ => line.to_string(),
    }
}

/// A name as inline code.
pub(super) fn code(name: &str) -> String {
    format!("`{name}`")
}

/// A table: a header row and rows of cells (already Markdown; `|` and line
/// breaks in them are made safe).
pub(super) fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(header);
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

/// A table cell: line breaks become spaces, and a bare `|` is escaped.
fn cell(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    let mut prev = ' ';
    for c in flat.chars() {
        if c == '|' && prev != '\\' {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// The anchor GitHub gives a heading: lower case, only letters, digits,
/// spaces, `-` and `_` kept, spaces turned into `-`.
pub(super) fn slug(heading: &str) -> String {
    heading
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_but_not_underscores_inside_words() {
        assert_eq!(escape("uren_per_week * 2 <b> [x]"), "uren_per_week \\* 2 \\<b\\> \\[x\\]");
        assert_eq!(escape("_nadruk_"), "\\_nadruk\\_");
        assert_eq!(escape("versie 2026.1"), "versie 2026.1");
    }

    #[test]
    fn paragraphs_never_start_a_list_or_heading() {
        assert_eq!(paragraphs("- geen lijst"), "\\- geen lijst");
        assert_eq!(paragraphs("2026. Geen lijst"), "2026\\. Geen lijst");
        assert_eq!(paragraphs("0,55 fte. Klaar"), "0,55 fte. Klaar");
    }

    #[test]
    fn paragraphs_join_lines_and_keep_breaks() {
        assert_eq!(paragraphs("een\ntwee\n\ndrie\n"), "een twee\n\ndrie");
    }

    #[test]
    fn tables_escape_bars_once() {
        let t = table(&["a".into(), "b".into()], &[vec!["x|y".into(), "p\\|q".into()]]);
        assert_eq!(t, "| a | b |\n|---|---|\n| x\\|y | p\\|q |\n");
    }

    #[test]
    fn slugs_as_github_makes_them() {
        assert_eq!(slug("HS-G03 Kennismaking thuis vóór de koppeling"), "hs-g03-kennismaking-thuis-vóór-de-koppeling");
        assert_eq!(slug("`gezinnen` (families)"), "gezinnen-families");
    }
}
