//! Checks shared by every chart: well-formed SVG, escaping, determinism, no panic on odd input.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Dutch numbers: one decimal, a decimal comma.
pub(super) fn fmt_nl(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// Panics unless `svg` is one well-formed `<svg>` element.
pub(super) fn assert_svg(svg: &str) {
    assert!(svg.starts_with("<svg "), "starts with {:?}", &svg[..svg.len().min(40)]);
    assert!(svg.ends_with("</svg>"), "ends with {:?}", &svg[svg.len().saturating_sub(40)..]);
    let mut reader = Reader::from_str(svg);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                tag.attributes().for_each(|a| drop(a.expect("attribute well-formed")));
            }
            Ok(Event::Empty(tag)) => tag.attributes().for_each(|a| drop(a.expect("attribute well-formed"))),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(Event::GeneralRef(r)) => {
                let name = r.into_inner();
                assert!(["lt", "gt", "amp", "quot", "apos"].contains(&name.as_ref()), "entity &{name};");
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
        }
    }
    assert_eq!((depth, roots), (0, 1));
}

use proptest::prelude::*;

use super::*;

const EVIL: ChartText<'static> = ChartText {
    title: "<script>alert('t')</script>",
    x_label: "x & <b>",
    y_label: "\"y\"",
    no_data: "<none>",
    size: None,
};

/// Every chart, drawn with the texts `text` and the values `values` (also as bar labels and heatmap names).
fn every_chart(text: &ChartText, values: &[f64], norm: Option<&Norm>, fmt: Fmt) -> Vec<String> {
    let bars: Vec<(String, f64)> =
        values.iter().enumerate().map(|(i, v)| (format!("{}{i}", text.x_label), *v)).collect();
    let names: Vec<String> = bars.iter().map(|(l, _)| l.clone()).collect();
    let states = [CellState::Pass, CellState::Fail, CellState::Waived, CellState::Empty];
    let cells: Vec<Vec<CellState>> =
        values.iter().enumerate().map(|(r, _)| (0..3).map(|c| states[(r + c) % states.len()]).collect()).collect();
    let columns: Vec<String> = ["R1", "<R2>", "R3"].iter().map(|s| s.to_string()).collect();
    let legend = vec![(CellState::Fail, format!("{} legend", text.y_label))];
    let fallback = Norm { value: 1.0, label: "norm", kind: NormKind::AtLeast };
    vec![
        bar_chart(text, &bars, norm, fmt),
        distribution(text, values, 10, norm, fmt),
        heatmap(text, &names, &columns, &cells, &legend),
        gauge(text, values.first().copied().unwrap_or(f64::NAN), norm.unwrap_or(&fallback), 10.0, fmt),
    ]
}

#[test]
fn every_chart_shows_its_texts_and_norm() {
    let text = ChartText::new("De titel", "de x-as", "de y-as", "niets");
    let norm = Norm { value: 2.5, label: "drempel", kind: NormKind::AtLeast };
    let charts = every_chart(&text, &[1.0, 2.0, 3.0, 4.0], Some(&norm), &fmt_nl);
    for (i, svg) in charts.iter().enumerate() {
        assert_svg(svg);
        for needle in ["De titel", "de x-as", "de y-as"] {
            assert!(svg.contains(needle), "chart {i}: {needle} missing");
        }
        if i != 2 {
            assert!(svg.contains("drempel ≥ 2,5"), "chart {i}: norm label missing");
        }
        assert!(svg.contains("font-family=\"sans-serif\""));
        for external in ["href", "url(", "@import", "<image", "<script", "font-face"] {
            assert!(!svg.contains(external), "chart {i} refers to something outside: {external}");
        }
    }
}

#[test]
fn texts_are_escaped() {
    let norm = Norm { value: 2.0, label: "<n>", kind: NormKind::AtMost };
    for svg in every_chart(&EVIL, &[1.0, 3.0], Some(&norm), &|v| format!("<{v}>")) {
        assert_svg(&svg);
        assert!(svg.contains("&lt;script&gt;alert(&apos;t&apos;)&lt;/script&gt;"));
        assert!(svg.contains("x &amp; &lt;b&gt;"));
        assert!(!svg.contains("<script") && !svg.contains("<b>") && !svg.contains("<n>"));
    }
    for svg in every_chart(&EVIL, &[], None, &fmt_nl) {
        assert_svg(&svg);
        assert!(svg.contains("&lt;none&gt;") || svg.contains("<svg width=\"640\" height=\"4"), "no-data text");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let text = ChartText::new("t", "x", "y", "-").with_size(500, 260);
    let norm = Norm { value: 0.5, label: "n", kind: NormKind::AtLeast };
    let values = [0.1, 0.7, f64::NAN, 0.5, -0.2];
    assert_eq!(every_chart(&text, &values, Some(&norm), &fmt_nl), every_chart(&text, &values, Some(&norm), &fmt_nl));
    assert!(every_chart(&text, &values, Some(&norm), &fmt_nl)[0].starts_with("<svg width=\"500\" height=\"260\""));
}

#[test]
fn edge_cases_draw_without_panicking() {
    let long = "Een heel erg lange naam van een Home-Start locatie die nergens past ".repeat(4);
    let text = ChartText::new(&long, &long, &long, &long).with_size(0, 0);
    let norm = Norm { value: f64::INFINITY, label: &long, kind: NormKind::AtMost };
    let cases: [&[f64]; 8] = [
        &[],
        &[5.0],
        &[2.0, 2.0, 2.0],
        &[0.0, 0.0],
        &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY],
        &[-3.0, -1.0, -2.0],
        &[1e300, -1e300, f64::MAX, f64::MIN_POSITIVE],
        &[1e-12, 2e-12],
    ];
    for values in cases {
        for svg in every_chart(&text, values, Some(&norm), &fmt_nl) {
            assert_svg(&svg);
            assert!(svg.contains('…'), "long texts are cut");
        }
    }
    // Found by the proptest below: a norm far outside the values' range once overflowed plotters' pixel mapping.
    let far = Norm { value: -1.1223426307510315e107, label: "", kind: NormKind::AtLeast };
    for svg in every_chart(&ChartText::new("", "", "", "").with_size(0, 0), &[0.0], Some(&far), &fmt_nl) {
        assert_svg(&svg);
    }
}

/// Found by the property test below: an extreme value on a chart of width 0
/// put a failing mark's pixels near i32::MIN and the hatching overflowed.
#[test]
fn extreme_values_on_a_zero_width_chart_draw_without_overflow() {
    for (width, value) in [(0, -1.33e258), (0, 1.33e258), (0, -1e307), (1, f64::MIN), (0, f64::MAX)] {
        let text = ChartText::new("t", "x", "y", "leeg").with_size(width, 300);
        for kind in [NormKind::AtLeast, NormKind::AtMost] {
            let norm = Norm { value: 0.5, label: "norm", kind };
            for svg in every_chart(&text, &[value], Some(&norm), &fmt_nl) {
                assert_svg(&svg);
            }
        }
    }
}

proptest! {
    // Failures are not written to a regressions file: cases found are pinned in edge_cases_draw_without_panicking.
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_input_gives_well_formed_svg(
        values in prop::collection::vec(prop_oneof![
            8 => -1e6f64..1e6,
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => prop::num::f64::ANY,
        ], 0..40),
        norm in prop_oneof![-1e6f64..1e6, prop::num::f64::ANY],
        at_most in any::<bool>(),
        label in "\\PC{0,60}",
        width in 0u32..2000,
        height in 0u32..1200,
    ) {
        let text = ChartText::new(&label, &label, &label, &label).with_size(width, height);
        let kind = if at_most { NormKind::AtMost } else { NormKind::AtLeast };
        let norm = Norm { value: norm, label: &label, kind };
        for svg in every_chart(&text, &values, Some(&norm), &|v| format!("{v:.2}")) {
            assert_svg(&svg);
        }
    }

    #[test]
    fn random_heatmaps_grow_with_their_rows(rows in 0usize..160, columns in 0usize..70, bins in 0usize..500) {
        let names: Vec<String> = (0..rows).map(|i| format!("locatie {i}")).collect();
        let ids: Vec<String> = (0..columns).map(|i| format!("L-{i:02}")).collect();
        let cells = vec![vec![CellState::Fail; columns / 2]; rows];
        let text = ChartText::new("t", "x", "y", "leeg");
        assert_svg(&heatmap(&text, &names, &ids, &cells, &[(CellState::Fail, "fout".to_string())]));
        let values: Vec<f64> = (0..rows).map(|i| i as f64 / 7.0).collect();
        assert_svg(&distribution(&text, &values, bins, None, &fmt_nl));
    }
}

/// Writes one example of each chart into $HS_CHARTS_OUT as SVG files, to look at them
/// (`HS_CHARTS_OUT=/tmp/charts cargo test --lib write_examples -- --ignored`).
#[test]
#[ignore = "writes files for a person to look at"]
fn write_examples() {
    let Ok(dir) = std::env::var("HS_CHARTS_OUT") else { return };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).expect("out dir");
    for (name, svg) in examples() {
        std::fs::write(dir.join(format!("{name}.svg")), svg).expect("write svg");
    }
}

/// One realistic example of each chart, and of the awkward cases.
pub(super) fn examples() -> Vec<(&'static str, String)> {
    use super::*;
    let fte = Norm { value: 0.5, label: "norm", kind: NormKind::AtLeast };
    let figures: Vec<(String, f64)> = [
        ("Amersfoort", 0.72),
        ("Den Haag-Escamp", 0.44),
        ("Utrechtse Heuvelrug", 0.5),
        ("Zeist", 0.61),
        ("Houten", 0.38),
        ("Nieuwegein", 0.9),
    ]
    .iter()
    .map(|(l, v)| (l.to_string(), *v))
    .collect();
    let text = ChartText::new("Coördinatie per locatie", "locatie", "fte coördinator", "geen gegevens");
    let rates: Vec<(String, f64)> = (1..=28)
        .map(|i| (format!("L-{i:02} {}", ["gezinnen", "vrijwilligers", "VOG"][i % 3]), (37 * i % 61) as f64 + 40.0))
        .collect();
    let rate_norm = Norm { value: 80.0, label: "doel", kind: NormKind::AtLeast };
    let rate_text = ChartText::new("Slagingspercentage per regel", "regel", "% locaties", "geen gegevens");
    let spread: Vec<f64> =
        (0..150).map(|i| 0.2 + ((i * 37 % 101) as f64 / 101.0) * ((i * 13 % 7) as f64 / 7.0 + 0.4)).collect();
    let dist_text =
        ChartText::new("Coördinator-fte over 150 locaties", "fte coördinator", "aantal locaties", "geen gegevens");
    let rows: Vec<String> = (1..=12).map(|i| format!("Home-Start locatie {i}")).collect();
    let columns: Vec<String> = (1..=14).map(|i| format!("L-{i:02}")).collect();
    let states = [
        CellState::Pass,
        CellState::Pass,
        CellState::Fail,
        CellState::NotYetDue,
        CellState::Pass,
        CellState::NotApplicable,
        CellState::NotEvaluated,
        CellState::Waived,
        CellState::Pass,
        CellState::Empty,
    ];
    let cells: Vec<Vec<CellState>> =
        (0..rows.len()).map(|r| (0..columns.len()).map(|c| states[(r * 7 + c * 3) % states.len()]).collect()).collect();
    let legend: Vec<(CellState, String)> = [
        (CellState::Pass, "voldoet"),
        (CellState::Fail, "voldoet niet"),
        (CellState::NotYetDue, "nog niet van toepassing"),
        (CellState::NotApplicable, "niet van toepassing"),
        (CellState::NotEvaluated, "niet beoordeeld"),
        (CellState::Waived, "vrijstelling"),
    ]
    .iter()
    .map(|(s, t)| (*s, t.to_string()))
    .collect();
    let heat_text = ChartText::new("Regels per locatie", "regel", "locatie", "geen gegevens");
    let gauge_text = ChartText::new("Gezinnen per vrijwilliger", "gezinnen", "Amersfoort", "geen gegevens");
    let max_norm = Norm { value: 3.0, label: "norm", kind: NormKind::AtMost };
    let many_rows: Vec<String> = (1..=150)
        .map(|i| format!("Home-Start {} {i}", ["Utrechtse Heuvelrug-Zuid en omstreken", "Zeist", "Den Haag"][i % 3]))
        .collect();
    let many_columns: Vec<String> = (1..=40).map(|i| format!("L-{i:02}-vrijwilligers")).collect();
    let many_cells: Vec<Vec<CellState>> =
        (0..150).map(|r| (0..40).map(|c| states[(r * 7 + c * 3) % states.len()]).collect()).collect();
    vec![
        ("bar", bar_chart(&text, &figures, Some(&fte), &fmt_nl)),
        ("bar_rates", bar_chart(&rate_text, &rates, Some(&rate_norm), &|v| format!("{v:.0}"))),
        ("distribution", distribution(&dist_text, &spread, 12, Some(&fte), &fmt_nl)),
        ("heatmap", heatmap(&heat_text, &rows, &columns, &cells, &legend)),
        ("gauge_fail", gauge(&gauge_text, 3.4, &max_norm, 5.0, &fmt_nl)),
        ("gauge_pass", gauge(&gauge_text, 1.8, &max_norm, 5.0, &fmt_nl)),
        ("bar_empty", bar_chart(&text, &[], Some(&fte), &fmt_nl)),
        ("heatmap_big", heatmap(&heat_text, &many_rows, &many_columns, &many_cells, &legend)),
        ("bar_single", bar_chart(&text, &figures[..1], Some(&fte), &fmt_nl)),
        ("distribution_split", distribution(&dist_text, &spread, 9, Some(&Norm { value: 0.45, ..fte }), &fmt_nl)),
        ("distribution_equal", distribution(&dist_text, &[0.5; 20], 10, Some(&fte), &fmt_nl)),
        ("gauge_unknown", gauge(&gauge_text, f64::NAN, &max_norm, 5.0, &fmt_nl)),
        ("gauge_over", gauge(&gauge_text, 7.25, &max_norm, 5.0, &fmt_nl)),
        (
            "bar_negative",
            bar_chart(&text, &[("a".into(), -2.0), ("b".into(), 3.0), ("c".into(), 0.0)], Some(&fte), &fmt_nl),
        ),
    ]
}
