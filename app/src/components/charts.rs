//! Charts drawn on the server as SVG: no script, no crate, a few dozen lines each. Every
//! chart is a `<figure>` whose SVG is one labelled image, followed by the same numbers
//! as a table for screen readers and for anyone who wants the figures.

use leptos::prelude::*;

/// One bar: its label and value.
pub type Bar = (String, i64);

/// One group of a stacked bar: its label and a value per series.
pub type Stack = (String, Vec<i64>);

/// The colours of series, in order; each has at least 3:1 contrast with white.
const SERIES: [&str; 5] = ["#8a5a00", "#1e6b3a", "#0b5cad", "#6b3fa0", "#b3261e"];

const WIDTH: f64 = 640.0;
const ROW: f64 = 28.0;
const LABEL: f64 = 190.0;

fn scale(max: i64) -> f64 {
    (WIDTH - LABEL - 60.0) / (max.max(1) as f64)
}

/// Horizontal bars, one per row, with the value at the end of each.
#[component]
pub fn BarChart(
    /// Unique on the page; names the figure's parts.
    id: &'static str,
    #[prop(into)] title: String,
    /// The table's column headings: (label column, value column).
    headings: (String, String),
    bars: Vec<Bar>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0);
    let k = scale(max);
    let height = ROW * bars.len() as f64 + 8.0;
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=title_id class="chart__svg">
                {bars.iter().enumerate().map(|(i, (label, value))| {
                    let y = ROW * i as f64 + 4.0;
                    let w = (*value as f64 * k).max(1.0);
                    view! {
                        <text x=LABEL - 8.0 y=y + 17.0 text-anchor="end" class="chart__label">{label.clone()}</text>
                        <rect x=LABEL y=y + 4.0 width=w height=ROW - 10.0 rx="3" fill=SERIES[2]/>
                        <text x=LABEL + w + 6.0 y=y + 17.0 class="chart__value">{*value}</text>
                    }
                }).collect_view()}
            </svg>
            <ChartTable headings=vec![headings.0, headings.1] rows=bars.into_iter().map(|(l, v)| (l, vec![v])).collect()/>
        </figure>
    }
}

/// Horizontal stacked bars: one row per group, one colour per series, with a legend.
#[component]
pub fn StackedBarChart(
    id: &'static str,
    #[prop(into)] title: String,
    /// The label column's heading.
    group_heading: String,
    series: Vec<String>,
    stacks: Vec<Stack>,
) -> impl IntoView {
    let max = stacks
        .iter()
        .map(|s| s.1.iter().sum::<i64>())
        .max()
        .unwrap_or(0);
    let k = scale(max);
    let legend_height = 26.0;
    let height = ROW * stacks.len() as f64 + legend_height + 8.0;
    let title_id = format!("{id}-title");
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let x = LABEL + 150.0 * i as f64;
            view! {
                <rect x=x y="6" width="12" height="12" rx="2" fill=SERIES[i % SERIES.len()]/>
                <text x=x + 18.0 y="17" class="chart__label">{name.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=title_id class="chart__svg">
                {legend}
                {stacks.iter().enumerate().map(|(row, (label, values))| {
                    let y = legend_height + ROW * row as f64 + 4.0;
                    let mut x = LABEL;
                    let total: i64 = values.iter().sum();
                    let segments = values.iter().enumerate().map(|(i, value)| {
                        let w = *value as f64 * k;
                        let segment = view! { <rect x=x y=y + 4.0 width=w height=ROW - 10.0 fill=SERIES[i % SERIES.len()]/> };
                        x += w;
                        segment
                    }).collect_view();
                    view! {
                        <text x=LABEL - 8.0 y=y + 17.0 text-anchor="end" class="chart__label">{label.clone()}</text>
                        {segments}
                        <text x=x + 6.0 y=y + 17.0 class="chart__value">{total}</text>
                    }
                }).collect_view()}
            </svg>
            <ChartTable headings=std::iter::once(group_heading).chain(series).collect() rows=stacks/>
        </figure>
    }
}

/// Columns over time (months), the value above each.
#[component]
pub fn ColumnChart(
    id: &'static str,
    #[prop(into)] title: String,
    headings: (String, String),
    columns: Vec<Bar>,
) -> impl IntoView {
    let max = columns.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let height = 200.0;
    let plot = height - 40.0;
    let step = (WIDTH - 20.0) / (columns.len().max(1) as f64);
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=title_id class="chart__svg">
                {columns.iter().enumerate().map(|(i, (label, value))| {
                    let h = plot * (*value as f64) / (max as f64);
                    let x = 10.0 + step * i as f64;
                    let top = 16.0 + plot - h;
                    view! {
                        <rect x=x + step * 0.15 y=top width=step * 0.7 height=h.max(1.0) rx="2" fill=SERIES[1]/>
                        <text x=x + step / 2.0 y=top - 4.0 text-anchor="middle" class="chart__value">{*value}</text>
                        <text x=x + step / 2.0 y=height - 6.0 text-anchor="middle" class="chart__label chart__label--small">{label.clone()}</text>
                    }
                }).collect_view()}
            </svg>
            <ChartTable headings=vec![headings.0, headings.1] rows=columns.into_iter().map(|(l, v)| (l, vec![v])).collect()/>
        </figure>
    }
}

/// The chart's numbers as a table, folded away under a summary.
#[component]
fn ChartTable(headings: Vec<String>, rows: Vec<Stack>) -> impl IntoView {
    let locale = crate::i18n::use_i18n().get_locale_untracked();
    view! {
        <details class="chart__table">
            <summary>{crate::i18n::td_string!(locale, admin.as_table)}</summary>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr>{headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(label, values)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                {values.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
