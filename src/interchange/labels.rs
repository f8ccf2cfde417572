//! Import errors in the drafter's words: a JSON path becomes the field's Vietnamese
//! label and the item it belongs to ("Kinh phí dự kiến (triệu đồng), nhiệm vụ «…»"), and
//! serde's English message becomes the form the field expects.

use serde_json::Value;

/// The Vietnamese label of a JSON key of the interchange format.
fn field(key: &str) -> &'static str {
    match key {
        "plan" => "Kế hoạch",
        "meta" => "Thông tin chung",
        "level" => "Cấp (bộ hoặc tỉnh)",
        "kind" => "Loại",
        "type" => "Loại",
        "year" => "Năm",
        "framework_version" => "Phiên bản Khung",
        "header" => "Phần đầu văn bản",
        "parent_body" => "Cơ quan chủ quản",
        "issuer" => "Cơ quan ban hành",
        "number" => "Số, ký hiệu",
        "place" => "Địa danh",
        "date" => "Ngày ban hành",
        "subject" => "Trích yếu",
        "opening" => "Phần mở đầu",
        "legal_bases" => "Căn cứ",
        "implementing" => "Đoạn «Thực hiện…»",
        "proposed_by" => "Theo đề nghị của",
        "issuing_sentence" => "Câu ban hành",
        "catalog_id" => "Văn bản trong danh mục",
        "sections" => "Mục",
        "children" => "Mục con",
        "origin" => "Nguồn gốc của mục",
        "title" => "Tiêu đề",
        "content" => "Nội dung",
        "text" => "Nội dung",
        "bold" => "Chữ đậm",
        "italic" => "Chữ nghiêng",
        "indicators" => "Chỉ tiêu",
        "group" => "Nhóm chỉ tiêu",
        "name" => "Tên",
        "unit" => "Đơn vị",
        "targets" => "Chỉ tiêu theo kỳ",
        "period" => "Kỳ",
        "comparator" => "Phép so sánh",
        "value" => "Giá trị",
        "baseline" => "Giá trị cơ sở",
        "method" => "Phương pháp đo lường",
        "lead_agency" => "Cơ quan chủ trì theo dõi",
        "national" => "Chỉ tiêu tối thiểu của Khung",
        "not_applicable" => "Lý do không áp dụng",
        "tasks" => "Nhiệm vụ",
        "area" => "Lĩnh vực",
        "expected_result" => "Kết quả, sản phẩm dự kiến",
        "expected_effect" => "Hiệu quả",
        "lead_unit" => "Đơn vị chủ trì",
        "coordinating_units" => "Đơn vị phối hợp",
        "start" => "Thời gian bắt đầu",
        "end" => "Thời gian kết thúc",
        "approving_authority" => "Cấp phê duyệt",
        "funding" => "Nguồn kinh phí",
        "budget_million_vnd" => "Kinh phí dự kiến (triệu đồng)",
        "organisation" => "Tổ chức thực hiện",
        "duties" => "Nhiệm vụ của đơn vị",
        "recipients" => "Nơi nhận",
        "signer" => "Người ký",
        "capacities" => "Thẩm quyền ký",
        "authority" => "Thẩm quyền",
        "on_behalf_of" => "Ký thay mặt cho",
        "position" => "Chức vụ",
        "settings" => "Trình bày",
        "body_size_pt" => "Cỡ chữ phần nội dung",
        "margins_mm" => "Lề trang dọc",
        "landscape_margins_mm" => "Lề trang ngang",
        "top" => "Lề trên",
        "bottom" => "Lề dưới",
        "left" => "Lề trái",
        "right" => "Lề phải",
        "format" => "Định dạng tệp",
        "schema_version" => "Phiên bản định dạng",
        "id" => "Mã",
        _ => UNKNOWN,
    }
}

const UNKNOWN: &str = "Một trường";

/// The label of a path that names no known field: the document as a whole.
pub(super) const WHOLE_FILE: &str = "Tệp";

/// What one item of a list is called, and which of its fields names it.
fn item(list: &str) -> (&'static str, &'static str) {
    match list {
        "sections" => ("mục", "title"),
        "children" => ("mục con", "title"),
        "indicators" => ("chỉ tiêu", "name"),
        "tasks" => ("nhiệm vụ", "name"),
        "organisation" => ("đơn vị", "unit"),
        "legal_bases" => ("căn cứ", "number"),
        "targets" => ("chỉ tiêu theo kỳ", "period"),
        "recipients" => ("nơi nhận", ""),
        "capacities" => ("thẩm quyền ký", ""),
        "coordinating_units" => ("đơn vị phối hợp", ""),
        "funding" => ("nguồn kinh phí", ""),
        "content" | "duties" => ("đoạn", ""),
        _ => ("mục", ""),
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// "plan.tasks[1].budget_million_vnd" → keys and indices.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        for index in indices.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The label of the field at `path`, with the items it lies in, innermost first:
/// "Kinh phí dự kiến (triệu đồng), nhiệm vụ «Xây dựng kho dữ liệu»".
pub(super) fn label(path: &str, document: &Value) -> String {
    let mut at = Some(document);
    let mut last_key = "";
    let mut label = String::from(WHOLE_FILE);
    let mut places = Vec::new();
    for step in steps(path) {
        match step {
            Step::Key(key) => {
                at = at.and_then(|v| v.get(key));
                label = match (last_key, field(key)) {
                    ("margins_mm", side) => format!("{side} (trang dọc)"),
                    ("landscape_margins_mm", side) => format!("{side} (trang ngang)"),
                    // A key of no known field (a typo): the part it was found in.
                    (_, UNKNOWN) => label,
                    (_, known) => known.to_owned(),
                };
                last_key = key;
            }
            Step::Index(i) => {
                at = at.and_then(|v| v.get(i));
                let (noun, naming) = item(last_key);
                let name = at
                    .and_then(|v| v.get(naming))
                    .and_then(Value::as_str)
                    .filter(|n| !n.trim().is_empty());
                places.push(match name {
                    Some(name) => format!("{noun} «{}»", shorten(name)),
                    None => format!("{noun} thứ {}", i + 1),
                });
                label = field(last_key).to_owned();
            }
        }
    }
    places.reverse();
    std::iter::once(label)
        .chain(places)
        .collect::<Vec<_>>()
        .join(", ")
}

fn shorten(name: &str) -> String {
    const MAX: usize = 60;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        name.chars().take(MAX).collect::<String>() + "…"
    }
}

/// serde's message about a value, as the form the field expects. Our own messages
/// (from the model's parsers) are Vietnamese already and pass through.
pub(super) fn data_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return format!("thiếu trường «{}»", field(key));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return format!(
            "có trường lạ «{key}» không thuộc định dạng kế hoạch; hãy xóa hoặc sửa tên trường"
        );
    }
    if message.starts_with("unknown variant") {
        return "giá trị không thuộc các lựa chọn cho phép".into();
    }
    if message.starts_with("duplicate field") {
        return "một trường được ghi hai lần".into();
    }
    // chrono's messages about a date ("input contains invalid characters", …).
    if message.contains("input") {
        return format!("cần {}", expected_form("date"));
    }
    if message.contains("out of range") || message.starts_with("invalid value: integer") {
        return "số nằm ngoài khoảng cho phép".into();
    }
    if message.starts_with("invalid length") {
        return "số phần tử không đúng".into();
    }
    match message.rsplit_once("expected ") {
        Some((_, expected)) => format!("cần {}", expected_form(expected)),
        // The model's own parsers speak Vietnamese already.
        None if !message.is_ascii() => message.to_owned(),
        None => format!("cần {}", expected_form("")),
    }
}

/// The form serde's "expected …" describes, in Vietnamese.
fn expected_form(expected: &str) -> &'static str {
    let e = expected.to_ascii_lowercase();
    if e.contains("f64") || e.contains("f32") || e.contains("float") {
        "một số (ví dụ 12,5 viết là 12.5)"
    } else if ["u8", "u16", "u32", "u64", "i32", "i64", "usize", "integer"]
        .iter()
        .any(|t| e.contains(t))
    {
        "một số nguyên"
    } else if e.contains("date") || e.contains("naivedate") {
        "một ngày dạng YYYY-MM-DD (ví dụ 2025-12-29)"
    } else if e.contains("bool") {
        "true hoặc false"
    } else if e.contains("sequence") || e.contains("vec") || e.contains("array") {
        "một danh sách [...]"
    } else if e.contains("string") || e.contains("str") {
        "một đoạn văn bản trong dấu ngoặc kép"
    } else if e.contains("struct") || e.contains("map") || e.contains("internally tagged") {
        "một nhóm trường {...}"
    } else {
        "một giá trị đúng dạng quy định"
    }
}

/// serde_json's message about malformed JSON, in Vietnamese.
pub(super) fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = if text.contains("recursion limit") {
        "dữ liệu lồng nhau quá sâu"
    } else if e.is_eof() {
        "tệp kết thúc giữa chừng (thiếu dấu đóng } hoặc ])"
    } else if text.contains("trailing comma") {
        "thừa dấu phẩy trước dấu đóng"
    } else if text.contains("control character") {
        "có ký tự điều khiển trong chuỗi (hãy viết \\n thay cho xuống dòng)"
    } else if text.contains("escape") || text.contains("unicode") {
        "có chuỗi thoát \\ không hợp lệ"
    } else if text.contains("key must be a string") {
        "tên trường phải nằm trong dấu ngoặc kép"
    } else if text.contains("trailing characters") {
        "có nội dung thừa sau khi tài liệu đã kết thúc"
    } else if text.contains("number out of range") {
        "số quá lớn"
    } else {
        "sai cú pháp JSON"
    };
    what.to_owned()
}
