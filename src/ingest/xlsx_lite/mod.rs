//! A reader for `.xlsx` workbooks of the usual shape, from the parts the budget scan already inflated: the same
//! cells calamine reads, without inflating every part a second time and without its general XML machinery (which
//! was four fifths of reading 150 small workbooks).
//!
//! It reads only what it knows calamine reads the same way, and hands everything else back ([`read`] gives `None`):
//! calamine then reads the workbook as before, so an unusual workbook is read, or refused, exactly as it was. The
//! tests compare the two readers on every workbook fixture, the shared corpus and generated workbooks.
//!
//! Cost: O(inflated bytes) of the parts, one pass each; the shared strings and one cell's text in memory.

mod book;
mod entities;
mod formats;
mod parts;
mod sheet;
mod xml;

#[cfg(test)]
mod tests;

pub use parts::Parts;
pub use xml::Bail;

use calamine::DataRef;

use sheet::Stop;

/// What the reader hands out, in order: a sheet, then its cells.
pub enum Item<'a> {
    /// The next sheet, by name, in the workbook's order.
    Sheet(&'a str),
    /// A cell of the sheet last handed out: zero-based (row, column) and value, in the order calamine's cell
    /// reader gives them.
    Cell((u32, u32), DataRef<'a>),
}

/// Hands every sheet and cell of the workbook whose parts are `parts` to `sink`. `None`: the workbook is not of
/// the shape this reader knows, and nothing it handed out counts: read it with calamine. `Some(Err)`: `sink`
/// refused an item (a budget), as it would have when calamine read the same cells.
pub fn read<E>(parts: &Parts, sink: &mut dyn FnMut(Item<'_>) -> Result<(), E>) -> Option<Result<(), E>> {
    let book = book::read(parts).ok()?;
    // Every sheet is looked at before any is read, as calamine opens the workbook whole first.
    let mut texts = Vec::with_capacity(book.sheets.len());
    for (_, part) in &book.sheets {
        texts.push(parts.text(part).ok()??);
    }
    for ((name, _), xml) in book.sheets.iter().zip(texts) {
        if let Err(e) = sink(Item::Sheet(name)) {
            return Some(Err(e));
        }
        match sheet::cells(xml, &book, &mut |at, value| sink(Item::Cell(at, value))) {
            Ok(()) => {}
            Err(Stop::Bail) => return None,
            Err(Stop::Refused(e)) => return Some(Err(e)),
        }
    }
    Some(Ok(()))
}
