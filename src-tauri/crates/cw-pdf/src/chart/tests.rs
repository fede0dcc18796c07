//! Tests of the charts: axis labels, round steps, and charts rendered and read back.

use super::*;
use crate::page::{Page, PageSize};
use crate::testutil;
use crate::{render_pages, DocInfo};

fn sample(stacked: bool) -> Chart {
    Chart {
        title: "签订率与收缴率（按收费小组）".into(),
        categories: vec![
            "第一小组".into(),
            "第二小组".into(),
            "第三小组".into(),
            "第四小组".into(),
        ],
        series: vec![
            Series {
                name: "签订率".into(),
                values: vec![Some(934), Some(1000), Some(871), None],
            },
            Series {
                name: "收缴率".into(),
                values: vec![Some(615), Some(702), Some(498), Some(655)],
            },
        ],
        axis: Axis::percent(),
        target: Some((1000, "目标 100%".into())),
        stacked,
    }
}

fn info() -> DocInfo {
    DocInfo {
        title: "图表".into(),
        created: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    }
}

#[test]
fn axis_labels_read_as_percent_yuan_and_counts() {
    assert_eq!(Axis::percent().label(934), "93.4%");
    assert_eq!(Axis::percent().label(1000), "100%");
    // On a bar or a point a rate reads as in the tables.
    assert_eq!(Axis::percent().value_label(1000), "100.0%");
    assert_eq!(Axis::percent().value_label(930), "93.0%");
    assert_eq!(Axis::yuan().value_label(500), "5元");
    assert_eq!(Axis::yuan().label(125_050), "1,250.5元");
    assert_eq!(Axis::yuan().label(500), "5元");
    assert_eq!(Axis::count("次").label(12), "12次");
}

#[test]
fn steps_are_round_and_give_at_most_five_intervals() {
    assert_eq!(nice_step(1000), 200);
    assert_eq!(nice_step(7), 2);
    assert_eq!(nice_step(0), 1);
    assert_eq!(nice_step(12_345), 5000);
    for m in [1, 9, 10, 11, 99, 101, 4_999, 123_456] {
        let s = nice_step(m);
        assert!(m <= s * 5, "{m}: step {s}");
    }
}

#[test]
fn a_bar_and_a_line_chart_print_their_labels_and_values() {
    let mut page = Page::new(PageSize::A4_PORTRAIT);
    let top = Area {
        x: 20.0,
        y: 20.0,
        w: 170.0,
        h: 90.0,
    };
    bar_chart(&mut page, top, &sample(false)).unwrap();
    let mut line = sample(false);
    line.title = "签订率（每周）".into();
    line.categories = vec!["7/11".into(), "7/18".into(), "7/25".into(), "8/1".into()];
    line_chart(&mut page, Area { y: 130.0, ..top }, &line).unwrap();
    let bytes = render_pages(&info(), vec![page]).unwrap();
    let file = testutil::write("chart", &bytes).unwrap();
    if let Some(pages) = testutil::pdftotext_pages(&file) {
        let text = &pages[0];
        for want in [
            "签订率与收缴率（按收费小组）",
            "第三小组",
            "93.4%",
            "61.5%",
            "目标 100%",
            "7/25",
            "收缴率",
        ] {
            assert!(text.contains(want), "missing {want} in\n{text}");
        }
    }
    if let Some((ok, out)) = testutil::qpdf_check(&file) {
        assert!(ok, "{out}");
    }
}

#[test]
fn stacked_bars_print_the_total_of_each_category() {
    let mut page = Page::new(PageSize::A4_PORTRAIT);
    let mut c = sample(true);
    c.axis = Axis::count("");
    c.target = None;
    c.series[0].values = vec![Some(3), Some(4), Some(0), None];
    c.series[1].values = vec![Some(2), Some(7), Some(1), Some(5)];
    bar_chart(
        &mut page,
        Area {
            x: 20.0,
            y: 20.0,
            w: 120.0,
            h: 80.0,
        },
        &c,
    )
    .unwrap();
    let bytes = render_pages(&info(), vec![page]).unwrap();
    let file = testutil::write("stacked", &bytes).unwrap();
    if let Some(pages) = testutil::pdftotext_pages(&file) {
        // Totals 5, 11, 1, 5 above the stacks; the axis reaches the round step above 11.
        assert!(pages[0].contains("11"), "{}", pages[0]);
    }
}

#[test]
fn a_chart_with_a_character_the_font_lacks_is_refused() {
    let mut page = Page::new(PageSize::A4_PORTRAIT);
    let mut c = sample(false);
    c.title = "\u{30EDE}".into();
    bar_chart(
        &mut page,
        Area {
            x: 20.0,
            y: 20.0,
            w: 120.0,
            h: 80.0,
        },
        &c,
    )
    .unwrap();
    assert!(render_pages(&info(), vec![page]).is_err());
}
