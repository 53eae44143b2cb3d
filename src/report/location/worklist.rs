//! The worklist: every family (trajectory) with a failed rule, or a rule
//! that could not be judged, with per rule what went wrong and what to do.

use std::collections::BTreeMap;

use super::model::{WorkGroup, WorkItem};
use crate::i18n::Lang;
use crate::report::Catalogue;
use crate::results::{Outcome, RuleResult};
use crate::rulebook::Rulebook;

/// A family's `gezinnen` row and its results with their rule's position.
type Group<'a> = (Option<u32>, Vec<(usize, &'a RuleResult)>);

/// Groups by family id (sorted), items in the order of `rule_order`.
pub fn worklist<'a>(
    results: impl Iterator<Item = &'a RuleResult>,
    rulebook: &Rulebook,
    rule_order: &[String],
    catalogue: &Catalogue,
    lang: Lang,
) -> Vec<WorkGroup> {
    let position = |id: &str| rule_order.iter().position(|r| r == id).unwrap_or(usize::MAX);
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for r in results.filter(|r| matches!(r.outcome, Outcome::Fail | Outcome::NotEvaluated)) {
        let Some(subject) = &r.subject_id else { continue };
        let group = groups.entry(subject.to_string()).or_insert((r.row, Vec::new()));
        group.0 = group.0.or(r.row);
        group.1.push((position(&r.rule_id), r));
    }
    groups
        .into_iter()
        .map(|(subject_id, (row, mut rs))| {
            rs.sort_by(|a, b| (a.0, &a.1.rule_id).cmp(&(b.0, &b.1.rule_id)));
            let items = rs
                .into_iter()
                .map(|(_, r)| {
                    let rule = rulebook.rule(&r.rule_id);
                    let action = match (r.outcome, rule) {
                        (Outcome::NotEvaluated, _) => catalogue.get("loc_action_not_evaluated", lang),
                        (_, Some(rule)) => rule.action.get(lang).trim().to_string(),
                        (_, None) => String::new(),
                    };
                    WorkItem {
                        rule_id: r.rule_id.to_string(),
                        title: rule.map(|c| c.title.get(lang).to_string()).unwrap_or_else(|| r.rule_id.to_string()),
                        outcome: r.outcome.as_str().to_string(),
                        severity: r.severity.as_str().to_string(),
                        message: r.message.get(lang).to_string(),
                        action,
                        change: String::new(),
                    }
                })
                .collect();
            WorkGroup { subject_id, row, items }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Severity, Text};
    use crate::rulebook::{RuleConfig, Rulebook};

    fn rulebook() -> Rulebook {
        crate::rulebook::load_rulebook(None, crate::rules::registry::RULES).expect("the embedded rulebook")
    }

    fn r(rule: &str, subject: Option<&str>, outcome: Outcome) -> RuleResult {
        RuleResult::new(rule, "L1", subject.map(|s| (s, 7)), outcome, Severity::Warning, Text::new("nl", "en"))
    }

    #[test]
    fn groups_families_and_orders_rules_as_the_rulebook() {
        let book = rulebook();
        let order: Vec<String> = book.rules.iter().map(|c: &RuleConfig| c.id.clone()).collect();
        let results = [
            r("HS-G05", Some("G-2"), Outcome::Fail),
            r("HS-G04", Some("G-2"), Outcome::NotEvaluated),
            r("HS-G04", Some("G-1"), Outcome::Pass),
            r("HS-G04", Some("G-3"), Outcome::NotYetDue),
            r("HS-L04", None, Outcome::Fail),
            r("HS-G01", Some("G-1"), Outcome::Fail),
        ];
        let list = worklist(results.iter(), &book, &order, &Catalogue::embedded(), Lang::En);
        let ids: Vec<&str> = list.iter().map(|g| g.subject_id.as_str()).collect();
        assert_eq!(ids, ["G-1", "G-2"]);
        let rules: Vec<&str> = list[1].items.iter().map(|i| i.rule_id.as_str()).collect();
        assert_eq!(rules, ["HS-G04", "HS-G05"]);
        assert_eq!(list[1].row, Some(7));
        assert_eq!(list[1].items[0].action, Catalogue::embedded().get("loc_action_not_evaluated", Lang::En));
        let g05 = book.rule("HS-G05").expect("HS-G05");
        assert_eq!(list[1].items[1].action, g05.action.en.trim());
        assert_eq!(list[1].items[1].message, "en");
    }
}
