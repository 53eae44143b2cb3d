//! A workbook's parts other than its sheets, read as calamine's `Xlsx::new` reads them: where the workbook part is
//! (`_rels/.rels`), its sheets in order with their parts (`workbook.xml` and its relationships), the date system, the
//! number format of every cell style (`styles.xml`) and the shared strings.
//!
//! Anything calamine would refuse, or that this reader does not know how calamine reads, is a [`Bail`].
//!
//! Cost: O(bytes) of these parts; the shared strings are kept (as calamine keeps them).

use foldhash::{HashMap, HashMapExt};

use super::entities::decode_attr;
use super::formats::{self, CellFormat};
use super::parts::Parts;
use super::xml::{Bail, Token, Tokens, attribute, attributes, balanced, element_text};

/// What the cells of the sheets are read with.
pub struct Book {
    /// Every sheet in the workbook's order: its name and its part's name (as [`Parts`] knows it).
    pub sheets: Vec<(String, String)>,
    pub is_1904: bool,
    /// The number format of each cell style (`xf` of `cellXfs`), by style index.
    pub formats: Vec<CellFormat>,
    pub strings: Vec<String>,
}

/// Reads the workbook's own parts.
pub fn read(parts: &Parts) -> Result<Book, Bail> {
    let workbook = office_document(parts.text("_rels/.rels")?.ok_or(Bail)?)?;
    let (dir, name) = workbook.rsplit_once('/').map_or(("", workbook.as_str()), |(d, n)| (d, n));
    // calamine keeps its default name when the target ends in `/`.
    let name = if name.is_empty() { "workbook.xml" } else { name };
    let dir = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let relationships = relationships(parts.text(&format!("{dir}_rels/{name}.rels"))?.ok_or(Bail)?)?;
    let strings = match parts.text(&format!("{dir}sharedStrings.xml"))? {
        Some(xml) => shared_strings(xml)?,
        None => Vec::new(),
    };
    let formats = match parts.text(&format!("{dir}styles.xml"))? {
        Some(xml) => styles(xml)?,
        None => Vec::new(),
    };
    let (sheets, is_1904) = match parts.text(&format!("{dir}{name}"))? {
        Some(xml) => sheets(xml, &relationships, &dir)?,
        None => (Vec::new(), false),
    };
    Ok(Book { sheets, is_1904, formats, strings })
}

/// The target of the package's `officeDocument` relationship (the last one, as calamine keeps the last), without a
/// leading `/`. A package without one is left to calamine.
fn office_document(xml: &str) -> Result<String, Bail> {
    balanced(xml)?;
    let mut tokens = Tokens::new(xml);
    let mut target = None;
    let mut in_relationships = false;
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open { name: "Relationships", empty: false, .. } => in_relationships = true,
            Token::Open { name: "Relationship", attrs, .. } if in_relationships => {
                let is_office = attribute(attrs, "Type")?.is_some_and(|t| t.ends_with("/relationships/officeDocument"));
                if let (true, Some(t)) = (is_office, attribute(attrs, "Target")?) {
                    target = Some(decode_attr(t)?);
                }
            }
            // The part is balanced: the `Relationships` opened is closed, as calamine asks.
            Token::Close { name: "Relationships" } if in_relationships => break,
            _ => {}
        }
    }
    let target = target.ok_or(Bail)?;
    Ok(target.strip_prefix('/').unwrap_or(&target).to_string())
}

/// The workbook's relationships: id to (target, type), raw as calamine keeps them.
fn relationships(xml: &str) -> Result<HashMap<String, (String, String)>, Bail> {
    balanced(xml)?;
    let mut tokens = Tokens::new(xml);
    let mut out = HashMap::new();
    let mut closed = false;
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open { name: "Relationship", attrs, .. } => {
                if let Some(id) = attribute(attrs, "Id")? {
                    let target = attribute(attrs, "Target")?.unwrap_or_default().to_string();
                    let kind = attribute(attrs, "Type")?.unwrap_or_default().to_string();
                    out.insert(id.to_string(), (target, kind));
                }
            }
            Token::Close { name: "Relationships" } => {
                closed = true;
                break;
            }
            _ => {}
        }
    }
    if closed { Ok(out) } else { Err(Bail) }
}

/// The sheets in order (name, part) and the date system. Only worksheets: a chart or dialog sheet, a sheet state
/// calamine does not know, or two sheets of one name are left to calamine.
fn sheets(
    xml: &str,
    relationships: &HashMap<String, (String, String)>,
    dir: &str,
) -> Result<(Vec<(String, String)>, bool), Bail> {
    balanced(xml)?;
    let mut tokens = Tokens::new(xml);
    let (mut sheets, mut is_1904, mut closed) = (Vec::<(String, String)>::new(), false, false);
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open { name: "sheet", attrs, .. } => {
                let (mut name, mut id) = (None, None);
                for pair in attributes(attrs) {
                    let (key, value) = pair?;
                    match key {
                        "name" => name = Some(decode_attr(value)?),
                        "state" if !matches!(value, "visible" | "hidden" | "veryHidden") => return Err(Bail),
                        k if k == "id" || k.ends_with(":id") => id = Some(value),
                        _ => {}
                    }
                }
                let (target, kind) = relationships.get(id.unwrap_or_default()).ok_or(Bail)?;
                if kind.rsplit('/').next() != Some("worksheet") {
                    return Err(Bail);
                }
                let part = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{dir}{target}"),
                };
                let name = name.unwrap_or_default();
                if sheets.iter().any(|(n, _)| *n == name) {
                    return Err(Bail);
                }
                sheets.push((name, part));
            }
            Token::Open { name: "workbookPr", attrs, .. } => {
                if let Some(v) = attribute(attrs, "date1904")? {
                    is_1904 = v == "1" || v == "true";
                }
            }
            // calamine decodes a defined name's text (a bad entity there makes the workbook unreadable).
            Token::Open { name: "definedName", attrs, empty: false } => {
                if attribute(attrs, "name")?.is_none() {
                    tokens.skip_element()?;
                    continue;
                }
                element_text(&mut tokens, &mut String::new())?;
            }
            Token::Close { name: "workbook" } => {
                closed = true;
                break;
            }
            _ => {}
        }
    }
    if closed { Ok((sheets, is_1904)) } else { Err(Bail) }
}

/// The number format of every `xf` of `cellXfs`, in order.
fn styles(xml: &str) -> Result<Vec<CellFormat>, Bail> {
    balanced(xml)?;
    let mut tokens = Tokens::new(xml);
    let mut custom: HashMap<String, String> = HashMap::new();
    let mut formats = Vec::new();
    let (mut in_num_fmts, mut in_cell_xfs, mut closed) = (false, false, false);
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open { name: "numFmts", empty, .. } => in_num_fmts = !empty,
            Token::Close { name: "numFmts" } => in_num_fmts = false,
            Token::Open { name: "numFmt", attrs, .. } if in_num_fmts => {
                if let (Some(id), Some(code)) = (attribute(attrs, "numFmtId")?, attribute(attrs, "formatCode")?) {
                    custom.insert(id.to_string(), decode_attr(code)?);
                }
            }
            Token::Open { name: "cellXfs", empty, .. } => in_cell_xfs = !empty,
            Token::Close { name: "cellXfs" } => in_cell_xfs = false,
            Token::Open { name: "xf", attrs, empty } if in_cell_xfs => {
                formats.push(match attribute(attrs, "numFmtId")? {
                    None => CellFormat::Other,
                    Some(id) => custom.get(id).map_or_else(|| formats::builtin(id), |code| formats::custom(code)),
                });
                // calamine reads an `xf`'s body to its first closing `xf`: one inside it is not for this reader.
                if !empty {
                    loop {
                        match tokens.next_token()?.ok_or(Bail)? {
                            Token::Open { name: "xf", .. } => return Err(Bail),
                            Token::Close { name: "xf" } => break,
                            _ => {}
                        }
                    }
                }
            }
            Token::Close { name: "styleSheet" } => {
                closed = true;
                break;
            }
            _ => {}
        }
    }
    if closed { Ok(formats) } else { Err(Bail) }
}

/// The shared strings, in order.
fn shared_strings(xml: &str) -> Result<Vec<String>, Bail> {
    let mut tokens = Tokens::new(xml);
    let mut strings = Vec::new();
    // calamine reads nothing before the `sst` start tag.
    loop {
        match tokens.next_token()?.ok_or(Bail)? {
            Token::Open { name: "sst", empty: true, .. } => return Ok(strings),
            Token::Open { name: "sst", empty: false, .. } => break,
            _ => {}
        }
    }
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open { name: "si", empty: true, .. } => strings.push(String::new()),
            Token::Open { name: "si", empty: false, .. } => strings.push(rich_text(&mut tokens)?),
            Token::Close { name: "sst" } => return Ok(strings),
            _ => {}
        }
    }
    Err(Bail)
}

/// The text of a string item (`si`, or a cell's `is`) just opened, up to its closing tag: its `t` texts outside
/// phonetic runs, one after the other, each trimmed of ASCII white space unless it asks to keep it, as calamine's
/// `read_string_with_bufs` makes it. Excel's `_xHHHH_` escapes are left to calamine, and so is any tag closed by
/// another name, or the item's own name opened again inside it (calamine stops at the first closing tag of the
/// item's whole name, wherever it is).
pub fn rich_text(tokens: &mut Tokens<'_>) -> Result<String, Bail> {
    let closing = tokens.whole_name();
    let mut out = String::new();
    let mut phonetic = false;
    let mut open: Vec<&str> = Vec::new();
    loop {
        let token = tokens.next_token()?.ok_or(Bail)?;
        let whole = tokens.whole_name();
        match token {
            Token::Open { .. } if whole == closing => return Err(Bail),
            Token::Open { name: "t", attrs, empty } if !phonetic => {
                let preserve = attribute(attrs, "xml:space")? == Some("preserve");
                let mut text = String::new();
                if !empty {
                    element_text(tokens, &mut text)?;
                }
                if text.contains("_x") {
                    return Err(Bail);
                }
                out.push_str(if preserve { &text } else { text.trim_matches([' ', '\t', '\r', '\n']) });
            }
            Token::Open { name, empty, .. } => {
                if name == "rPh" {
                    phonetic = !empty;
                }
                if !empty {
                    open.push(whole);
                }
            }
            Token::Close { .. } if open.is_empty() && whole == closing => return Ok(out),
            Token::Close { name } => {
                if open.pop() != Some(whole) {
                    return Err(Bail);
                }
                if name == "rPh" {
                    phonetic = false;
                }
            }
            Token::Text(_) | Token::Other => {}
        }
    }
}
