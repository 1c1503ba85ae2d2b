//! The listing editor's form: every field of a listing as typed, and the checked draft
//! the store writes. A dataset's sample arrives as a CSV file or pasted; its dictionary as rows
//! of (name, type, description) the merchant edits.

use serde::{Deserialize, Serialize};

use super::model::ListingDetail;
#[cfg(feature = "ssr")]
use super::model::{DictionaryField, Sample};

/// A listing as the editor posts it. Lists (`industries`, the dictionary's columns) come
/// from `name[]` inputs; a checkbox is `"on"` when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    pub title_zh: String,
    pub title_en: String,
    #[serde(default)]
    pub summary_zh: String,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub service_field: String,
    #[serde(default)]
    pub industries: Vec<String>,
    #[serde(default)]
    pub delivery_modes: Vec<String>,
    #[serde(default)]
    pub pricing_model: String,
    /// Yuan, up to two decimals; blank for `quote`.
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub licence_terms: String,
    #[serde(default)]
    pub data_source: String,
    #[serde(default)]
    pub personal_info: String,
    #[serde(default)]
    pub classification: String,
    #[serde(default)]
    pub registration_cert_no: String,
    #[serde(default)]
    pub has_compliance_report: String,
    #[serde(default)]
    pub modality: String,
    #[serde(default)]
    pub volume: String,
    #[serde(default)]
    pub time_coverage: String,
    #[serde(default)]
    pub update_frequency: String,
    #[serde(default)]
    pub label_schema: String,
    #[serde(default)]
    pub annotation_accuracy: String,
    /// A CSV sample pasted now; blank keeps the stored one.
    #[serde(default)]
    pub sample_csv: String,
    /// A CSV file chosen as the sample (read from a multipart post, never from a form's
    /// text); it takes the place of a pasted one.
    #[serde(skip)]
    pub sample_file: Vec<u8>,
    #[serde(default)]
    pub dict_name: Vec<String>,
    #[serde(default)]
    pub dict_type: Vec<String>,
    #[serde(default)]
    pub dict_description: Vec<String>,
    /// The index of a dictionary row whose "remove" button was pressed.
    #[serde(default)]
    pub dict_remove: String,
}

/// Fen as the yuan the editor shows (`128000` → `1280.00`).
pub fn fen_as_yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

impl ListingForm {
    /// Joins a dictionary column's values in what a refusal gives back (a character no
    /// one types: the ASCII unit separator, which the text rules refuse anyway).
    pub const ROW_SEPARATOR: &'static str = "\u{1f}";

    /// The form filled with a stored listing (its sample stays stored, not re-pasted).
    pub fn from_detail(detail: &ListingDetail) -> Self {
        let card = &detail.card;
        let slugs =
            |items: &mut dyn Iterator<Item = &'static str>| items.map(str::to_owned).collect();
        Self {
            title_zh: card.title_zh.clone(),
            title_en: card.title_en.clone(),
            summary_zh: card.summary_zh.clone(),
            summary_en: card.summary_en.clone(),
            description_zh: detail.description_zh.clone(),
            description_en: detail.description_en.clone(),
            kind: card.kind.slug().to_owned(),
            service_field: card.service_field.slug().to_owned(),
            industries: slugs(&mut detail.industries.iter().map(|i| i.slug())),
            delivery_modes: slugs(&mut detail.delivery_modes.iter().map(|d| d.slug())),
            pricing_model: card.pricing_model.slug().to_owned(),
            price: card.price_fen.map(fen_as_yuan).unwrap_or_default(),
            licence_terms: detail.licence_terms.clone(),
            data_source: detail.data_source.clone(),
            personal_info: detail.personal_info.slug().to_owned(),
            classification: detail.classification.slug().to_owned(),
            registration_cert_no: detail.registration_cert_no.clone().unwrap_or_default(),
            has_compliance_report: if detail.has_compliance_report {
                "on".to_owned()
            } else {
                String::new()
            },
            modality: detail
                .modality
                .map(|m| m.slug().to_owned())
                .unwrap_or_default(),
            volume: detail.volume.clone().unwrap_or_default(),
            time_coverage: detail.time_coverage.clone().unwrap_or_default(),
            update_frequency: detail.update_frequency.clone().unwrap_or_default(),
            label_schema: detail.label_schema.clone().unwrap_or_default(),
            annotation_accuracy: detail.annotation_accuracy.clone().unwrap_or_default(),
            sample_csv: String::new(),
            sample_file: Vec::new(),
            dict_name: detail
                .data_dictionary
                .iter()
                .map(|f| f.name.clone())
                .collect(),
            dict_type: detail
                .data_dictionary
                .iter()
                .map(|f| f.data_type.clone())
                .collect(),
            dict_description: detail
                .data_dictionary
                .iter()
                .map(|f| f.description.clone())
                .collect(),
            dict_remove: String::new(),
        }
    }
}

/// A listing, checked, as the store writes it.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingDraft {
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub kind: crate::vocab::ListingKind,
    pub service_field: crate::vocab::ServiceField,
    pub industries: Vec<crate::vocab::Industry>,
    pub delivery_modes: Vec<crate::vocab::DeliveryMode>,
    pub pricing_model: crate::vocab::PricingModel,
    pub price_fen: Option<i64>,
    pub licence_terms: String,
    pub data_source: String,
    pub personal_info: crate::vocab::PersonalInfo,
    pub classification: crate::vocab::Classification,
    pub registration_cert_no: Option<String>,
    pub has_compliance_report: bool,
    pub dataset: Option<DatasetSpec>,
}

/// What only datasets have.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetSpec {
    pub modality: crate::vocab::Modality,
    pub volume: Option<String>,
    pub time_coverage: Option<String>,
    pub update_frequency: Option<String>,
    pub label_schema: Option<String>,
    pub annotation_accuracy: Option<String>,
    pub dictionary: Vec<DictionaryField>,
    /// A new sample when one was pasted; `None` keeps the stored one.
    pub sample: Option<Sample>,
}

/// The most a listing may cost: 100,000,000 yuan.
pub const MAX_PRICE_FEN: i64 = 10_000_000_000;

/// Yuan with up to two decimals (`1280`, `99.5`, `0.99`, `1,280.00`) as fen.
pub fn parse_yuan(raw: &str) -> Result<i64, crate::error::Reason> {
    use crate::error::Reason;
    let cleaned: String = raw.trim().trim_start_matches(['¥', '￥']).replace(',', "");
    if cleaned.is_empty() {
        return Err(Reason::Required);
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || (!fraction.is_empty() && !digits(fraction)) {
        return Err(Reason::PriceFormat);
    }
    // A well-written price that is too large says so, naming the limit.
    let too_high = Reason::PriceTooHigh {
        max_fen: MAX_PRICE_FEN,
    };
    let significant = whole.trim_start_matches('0');
    if significant.len() > 15 {
        return Err(too_high);
    }
    let whole: i64 = significant.parse().unwrap_or(0);
    let cents: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| Reason::PriceFormat)?;
    let fen = whole * 100 + cents;
    if fen > MAX_PRICE_FEN {
        return Err(too_high);
    }
    Ok(fen)
}

#[cfg(feature = "ssr")]
impl ListingForm {
    /// What was typed, to give back with a refusal (lists joined by commas).
    pub fn typed(&self) -> Vec<(String, String)> {
        let mut typed: Vec<(String, String)> = [
            ("title_zh", &self.title_zh),
            ("title_en", &self.title_en),
            ("summary_zh", &self.summary_zh),
            ("summary_en", &self.summary_en),
            ("description_zh", &self.description_zh),
            ("description_en", &self.description_en),
            ("kind", &self.kind),
            ("service_field", &self.service_field),
            ("pricing_model", &self.pricing_model),
            ("price", &self.price),
            ("licence_terms", &self.licence_terms),
            ("data_source", &self.data_source),
            ("personal_info", &self.personal_info),
            ("classification", &self.classification),
            ("registration_cert_no", &self.registration_cert_no),
            ("has_compliance_report", &self.has_compliance_report),
            ("modality", &self.modality),
            ("volume", &self.volume),
            ("time_coverage", &self.time_coverage),
            ("update_frequency", &self.update_frequency),
            ("label_schema", &self.label_schema),
            ("annotation_accuracy", &self.annotation_accuracy),
            ("sample_csv", &self.sample_csv),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.clone()))
        .collect();
        let rows = self.dictionary_rows();
        let column = |pick: fn(&(String, String, String)) -> &String| {
            rows.iter()
                .map(pick)
                .cloned()
                .collect::<Vec<_>>()
                .join(Self::ROW_SEPARATOR)
        };
        typed.push(("dict_name".to_owned(), column(|r| &r.0)));
        typed.push(("dict_type".to_owned(), column(|r| &r.1)));
        typed.push(("dict_description".to_owned(), column(|r| &r.2)));
        typed.push(("industries".to_owned(), self.industries.join(",")));
        typed.push(("delivery_modes".to_owned(), self.delivery_modes.join(",")));
        typed
    }

    /// The dictionary rows as typed, without blank rows and the one asked to be removed.
    pub fn dictionary_rows(&self) -> Vec<(String, String, String)> {
        let removed: Option<usize> = self.dict_remove.trim().parse().ok();
        self.dict_name
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != removed)
            .map(|(i, name)| {
                let at = |list: &[String]| list.get(i).cloned().unwrap_or_default();
                (
                    name.clone(),
                    at(&self.dict_type),
                    at(&self.dict_description),
                )
            })
            .filter(|(name, _, description)| {
                !name.trim().is_empty() || !description.trim().is_empty()
            })
            .collect()
    }

    /// Every field checked, all refusals at once. A pasted CSV sample replaces the stored
    /// one and proposes the dictionary (descriptions typed for a kept column name stay).
    pub fn parse(&self) -> Result<ListingDraft, crate::error::FieldErrors> {
        use super::sample_csv;
        use crate::error::{FieldErrors, Reason};
        use crate::merchants::model::{choice, choices};
        use crate::text;
        use crate::vocab::*;

        let mut e = FieldErrors::default();
        let title_zh = e.check("title_zh", text::line(&self.title_zh, 160));
        let title_en = e.check("title_en", text::line(&self.title_en, 200));
        let summary_zh = e.check("summary_zh", text::paragraphs(&self.summary_zh, 300));
        let summary_en = e.check("summary_en", text::paragraphs(&self.summary_en, 600));
        let description_zh = e.check(
            "description_zh",
            text::paragraphs(&self.description_zh, 8000),
        );
        let description_en = e.check(
            "description_en",
            text::paragraphs(&self.description_en, 16000),
        );
        let kind = e.check("kind", choice(&self.kind, ListingKind::from_slug));
        let service_field = e.check(
            "service_field",
            choice(&self.service_field, ServiceField::from_slug),
        );
        let industries = e.check(
            "industries",
            choices(&self.industries, Industry::from_slug, false),
        );
        let delivery_modes = e.check(
            "delivery_modes",
            choices(&self.delivery_modes, DeliveryMode::from_slug, true),
        );
        let pricing_model = e.check(
            "pricing_model",
            choice(&self.pricing_model, PricingModel::from_slug),
        );
        let price_fen = match pricing_model {
            Some(PricingModel::Quote) => Some(None),
            Some(_) => e.check("price", parse_yuan(&self.price).map(Some)),
            None => None,
        };
        let licence_terms = e.check("licence_terms", text::paragraphs(&self.licence_terms, 4000));
        let data_source = e.check("data_source", text::paragraphs(&self.data_source, 2000));
        let personal_info = e.check(
            "personal_info",
            choice(&self.personal_info, PersonalInfo::from_slug),
        );
        let classification = e.check(
            "classification",
            choice(&self.classification, Classification::from_slug),
        );
        let registration_cert_no = e.check(
            "registration_cert_no",
            text::optional_line(&self.registration_cert_no, 64),
        );
        let has_compliance_report = !self.has_compliance_report.trim().is_empty();

        let dataset = if kind == Some(ListingKind::Dataset) {
            let modality = e.check("modality", choice(&self.modality, Modality::from_slug));
            let line = |e: &mut FieldErrors, name: &str, raw: &str| {
                e.check(name, text::optional_line(raw, 120))
            };
            let volume = line(&mut e, "volume", &self.volume);
            let time_coverage = line(&mut e, "time_coverage", &self.time_coverage);
            let update_frequency = line(&mut e, "update_frequency", &self.update_frequency);
            let annotation_accuracy =
                line(&mut e, "annotation_accuracy", &self.annotation_accuracy);
            let label_schema = e.check(
                "label_schema",
                text::paragraphs(&self.label_schema, 1000).map(|s| (!s.is_empty()).then_some(s)),
            );
            let mut dictionary = Vec::new();
            for (i, (name, data_type, description)) in
                self.dictionary_rows().into_iter().enumerate()
            {
                let field = format!("dict.{i}");
                let name = e.check(&field, text::line(&name, sample_csv::MAX_NAME_CHARS as u32));
                let data_type = e.check(
                    &field,
                    sample_csv::ColumnType::from_slug(data_type.trim())
                        .ok_or(Reason::UnknownChoice),
                );
                let description = e.check(&field, text::optional_line(&description, 300));
                if let (Some(name), Some(data_type), Some(description)) =
                    (name, data_type, description)
                {
                    dictionary.push(DictionaryField {
                        name,
                        data_type: data_type.slug().to_owned(),
                        description: description.unwrap_or_default(),
                    });
                }
            }
            let chosen = if !self.sample_file.is_empty() {
                Some(("sample_file", self.sample_file.as_slice()))
            } else {
                (!self.sample_csv.trim().is_empty())
                    .then_some(("sample_csv", self.sample_csv.as_bytes()))
            };
            let sample = match chosen {
                None => Some(None),
                Some((source, bytes)) => match sample_csv::parse_sample(bytes) {
                    Ok(parsed) => {
                        // The proposed dictionary keeps the descriptions already typed.
                        dictionary = parsed
                            .columns
                            .iter()
                            .map(|column| DictionaryField {
                                name: column.name.clone(),
                                data_type: column.column_type.slug().to_owned(),
                                description: dictionary
                                    .iter()
                                    .find(|f| f.name == column.name)
                                    .map(|f| f.description.clone())
                                    .unwrap_or_default(),
                            })
                            .collect();
                        Some(Some(Sample {
                            columns: parsed.columns.into_iter().map(|c| c.name).collect(),
                            rows: parsed
                                .rows
                                .into_iter()
                                .map(|row| row.into_iter().map(serde_json::Value::String).collect())
                                .collect(),
                        }))
                    }
                    Err(problem) => {
                        e.push(source, csv_reason(&problem));
                        None
                    }
                },
            };
            (|| {
                Some(Some(DatasetSpec {
                    modality: modality?,
                    volume: volume?,
                    time_coverage: time_coverage?,
                    update_frequency: update_frequency?,
                    label_schema: label_schema?,
                    annotation_accuracy: annotation_accuracy?,
                    dictionary,
                    sample: sample?,
                }))
            })()
        } else {
            Some(None)
        };

        // Every field parsed (each refusal is in `e`): the draft, if all of them passed.
        let draft = (|| {
            Some(ListingDraft {
                title_zh: title_zh?,
                title_en: title_en?,
                summary_zh: summary_zh?,
                summary_en: summary_en?,
                description_zh: description_zh?,
                description_en: description_en?,
                kind: kind?,
                service_field: service_field?,
                industries: industries?,
                delivery_modes: delivery_modes?,
                pricing_model: pricing_model?,
                price_fen: price_fen?,
                licence_terms: licence_terms?,
                data_source: data_source?,
                personal_info: personal_info?,
                classification: classification?,
                registration_cert_no: registration_cert_no?,
                has_compliance_report,
                dataset: dataset?,
            })
        })();
        match draft {
            Some(draft) if e.is_empty() => Ok(draft),
            _ => {
                e.typed = self.typed();
                Err(e)
            }
        }
    }
}

/// A CSV problem as the reason shown next to the sample field.
#[cfg(feature = "ssr")]
fn csv_reason(problem: &super::sample_csv::CsvProblem) -> crate::error::Reason {
    use super::sample_csv::CsvProblem as P;
    use crate::error::{CsvIssue as I, Reason};
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let (problem, line, column) = match problem {
        P::Empty => (I::Empty, 0, 0),
        P::TooLarge { .. } => (I::TooLarge, 0, 0),
        P::NotUtf8 {
            line,
            gbk_likely: true,
        } => (I::LooksLikeGbk, n(*line), 0),
        P::NotUtf8 {
            line,
            gbk_likely: false,
        } => (I::NotUtf8, n(*line), 0),
        P::Malformed { line } => (I::Malformed, n(*line), 0),
        P::NoRows => (I::NoRows, 0, 0),
        P::TooManyColumns { count } => (I::TooManyColumns, 0, n(*count)),
        P::EmptyColumnName { column } => (I::EmptyColumnName, 1, n(*column)),
        P::DuplicateColumnName { column, .. } => (I::DuplicateColumnName, 1, n(*column)),
        P::ColumnNameTooLong { column } => (I::ColumnNameTooLong, 1, n(*column)),
        P::RaggedRow { line, .. } => (I::RaggedRow, n(*line), 0),
        P::CellTooLong { line, column } => (I::CellTooLong, n(*line), n(*column)),
        P::HiddenCharacters { line, column } => (I::HiddenCharacters, n(*line), n(*column)),
    };
    Reason::Csv {
        problem,
        line,
        column,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::{CsvIssue, Reason};

    fn dataset() -> ListingForm {
        ListingForm {
            title_zh: "钢材表面缺陷图像".into(),
            title_en: "Steel surface defect images".into(),
            kind: "dataset".into(),
            service_field: "data-technology".into(),
            industries: vec!["manufacturing".into()],
            delivery_modes: vec!["download".into()],
            pricing_model: "fixed".into(),
            price: "1,280.5".into(),
            personal_info: "none".into(),
            classification: "general".into(),
            modality: "image".into(),
            sample_csv: "\u{feff}image_id,defect,severity,checked_on\nA1,scratch,2,2024-03-01\nA2,dent,1,2024-03-02\n".into(),
            dict_name: vec!["defect".into()],
            dict_type: vec!["text".into()],
            dict_description: vec!["缺陷类别".into()],
            ..ListingForm::default()
        }
    }

    #[test]
    fn yuan_become_fen_and_nonsense_is_refused() {
        assert_eq!(parse_yuan("1280"), Ok(128_000));
        assert_eq!(parse_yuan("¥1,280.5"), Ok(128_050));
        assert_eq!(parse_yuan("0.99"), Ok(99));
        for bad in ["1.234", "-5", "12a", "1e3", ".5", "１２"] {
            assert_eq!(parse_yuan(bad), Err(Reason::PriceFormat), "{bad}");
        }
        assert_eq!(parse_yuan(" "), Err(Reason::Required));
    }

    #[test]
    fn a_price_over_the_cap_is_refused_for_its_size_not_its_form() {
        let too_high = Err(Reason::PriceTooHigh {
            max_fen: MAX_PRICE_FEN,
        });
        assert_eq!(parse_yuan("100,000,000"), Ok(MAX_PRICE_FEN));
        assert_eq!(parse_yuan("00100000000.00"), Ok(MAX_PRICE_FEN));
        for over in [
            "100000000.01",
            "1000000001",
            "¥1,000,000,000",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_yuan(over), too_high, "{over}");
        }
        // Badly written and too large: the form is what to fix first.
        assert_eq!(parse_yuan("1000000001.123"), Err(Reason::PriceFormat));
    }

    #[test]
    fn a_pasted_sample_proposes_the_dictionary_and_keeps_typed_descriptions() {
        let draft = dataset().parse().expect("valid");
        assert_eq!(draft.price_fen, Some(128_050));
        let spec = draft.dataset.expect("a dataset");
        let types: Vec<(&str, &str, &str)> = spec
            .dictionary
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.data_type.as_str(),
                    f.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            types,
            [
                ("image_id", "text", ""),
                ("defect", "text", "缺陷类别"),
                ("severity", "integer", ""),
                ("checked_on", "date", ""),
            ]
        );
        assert_eq!(spec.sample.expect("a sample").rows.len(), 2);
    }

    #[test]
    fn a_chosen_file_takes_the_place_of_a_pasted_sample_and_its_refusal_is_its_own() {
        let form = ListingForm {
            sample_file: b"name,born\nAda,1815-12-10\n".to_vec(),
            ..dataset()
        };
        let spec = form.parse().expect("valid").dataset.expect("a dataset");
        let names: Vec<&str> = spec.dictionary.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["name", "born"]);
        // GBK bytes on the second line ("张三" in GBK): refused beside the file input,
        // the pasted text untouched.
        let gbk = ListingForm {
            sample_file: b"name,city\n\xd5\xc5\xc8\xfd,x\n".to_vec(),
            ..dataset()
        };
        let refused = gbk.parse().expect_err("GBK");
        assert_eq!(
            refused.for_field("sample_file"),
            Some(Reason::Csv {
                problem: CsvIssue::LooksLikeGbk,
                line: 2,
                column: 0
            })
        );
        assert_eq!(refused.for_field("sample_csv"), None);
    }

    #[test]
    fn bad_csv_names_its_line_and_keeps_what_was_typed() {
        let form = ListingForm {
            sample_csv: "a,b\n1,2\n3\n".into(),
            ..dataset()
        };
        let refused = form.parse().expect_err("ragged");
        assert_eq!(
            refused.for_field("sample_csv"),
            Some(Reason::Csv {
                problem: CsvIssue::RaggedRow,
                line: 3,
                column: 0
            })
        );
        assert_eq!(refused.typed("sample_csv"), Some("a,b\n1,2\n3\n"));
        let header_only = ListingForm {
            sample_csv: "a,b\n".into(),
            ..dataset()
        };
        assert_eq!(
            header_only
                .parse()
                .expect_err("no rows")
                .for_field("sample_csv"),
            Some(Reason::Csv {
                problem: CsvIssue::NoRows,
                line: 0,
                column: 0
            })
        );
    }

    #[test]
    fn quote_has_no_price_and_others_need_one() {
        let quote = ListingForm {
            pricing_model: "quote".into(),
            price: "99".into(),
            ..dataset()
        };
        assert_eq!(quote.parse().expect("valid").price_fen, None);
        let missing = ListingForm {
            price: String::new(),
            ..dataset()
        };
        assert_eq!(
            missing.parse().expect_err("refused").for_field("price"),
            Some(Reason::Required)
        );
    }

    #[test]
    fn a_removed_or_blank_dictionary_row_is_dropped_and_bad_types_refused() {
        let form = ListingForm {
            sample_csv: String::new(),
            dict_name: vec!["a".into(), "b".into(), String::new()],
            dict_type: vec!["integer".into(), "text".into(), "text".into()],
            dict_description: vec![String::new(), String::new(), String::new()],
            dict_remove: "0".into(),
            ..dataset()
        };
        let spec = form.parse().expect("valid").dataset.expect("dataset");
        assert_eq!(spec.dictionary.len(), 1);
        assert_eq!(spec.dictionary[0].name, "b");
        let bad = ListingForm {
            sample_csv: String::new(),
            dict_name: vec!["a".into()],
            dict_type: vec!["blob".into()],
            dict_description: vec![String::new()],
            ..dataset()
        };
        assert_eq!(
            bad.parse().expect_err("refused").for_field("dict.0"),
            Some(Reason::UnknownChoice)
        );
    }

    #[test]
    fn services_need_no_dataset_fields() {
        let service = ListingForm {
            kind: "service".into(),
            modality: String::new(),
            ..dataset()
        };
        assert_eq!(service.parse().expect("valid").dataset, None);
        let dataset_without_modality = ListingForm {
            modality: String::new(),
            ..dataset()
        };
        assert_eq!(
            dataset_without_modality
                .parse()
                .expect_err("refused")
                .for_field("modality"),
            Some(Reason::Required)
        );
    }
}
