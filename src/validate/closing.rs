//! Section V's responsibilities, "Nơi nhận" and the signing block (Nghị định 30, ô 7, 9b).

use super::header::canonical_upper;
use super::{at, blank, quote, Part, Severity, Sink};
use crate::model::{Level, Plan, SigningAuthority};

pub(super) fn organisation(plan: &Plan, out: &mut Sink) {
    for r in &plan.organisation {
        let id = Some(r.id.as_str());
        if blank(&r.unit) {
            out.push(
                "organisation.unit-missing",
                Severity::Error,
                at(Part::Organisation, id, Some("unit")),
                "Một mục trách nhiệm ở phần Tổ chức thực hiện chưa ghi cơ quan, đơn vị.",
                "Ghi tên cơ quan, đơn vị được giao trách nhiệm.",
            );
        }
        if r.duties.iter().all(|d| d.text().is_blank()) {
            out.push(
                "organisation.duties-missing",
                Severity::Warning,
                at(Part::Organisation, id, Some("duties")),
                format!(
                    "Chưa ghi trách nhiệm của {}.",
                    if blank(&r.unit) {
                        "đơn vị".to_owned()
                    } else {
                        quote(&r.unit)
                    }
                ),
                "Ghi các nhiệm vụ cụ thể của đơn vị trong triển khai kế hoạch.",
            );
        }
    }
}

/// "Lưu: VT, KGVX." → Some("VT, KGVX."); other lines → None.
fn storage(line: &str) -> Option<&str> {
    let t = line.trim().trim_start_matches("- ").trim_start();
    let rest = t.strip_prefix("Lưu").or_else(|| t.strip_prefix("lưu"))?;
    Some(rest.trim_start().trim_start_matches(':').trim())
}

pub(super) fn recipients(plan: &Plan, out: &mut Sink) {
    let list = &plan.recipients;
    if list.is_empty() {
        out.push(
            "recipients.missing",
            Severity::Error,
            at(Part::Recipients, None, None),
            "Chưa có nơi nhận.",
            "Ghi các nơi nhận, dòng cuối là «Lưu: VT, …».",
        );
        return;
    }
    let last = list.len() - 1;
    for (i, r) in list.iter().enumerate() {
        let id = i.to_string();
        let loc = || at(Part::Recipients, Some(&id), None);
        let text = r.0.trim();
        if text.is_empty() {
            out.push(
                "recipients.blank",
                Severity::Error,
                loc(),
                format!("Dòng nơi nhận thứ {} để trống.", i + 1),
                "Ghi nơi nhận hoặc xóa dòng trống.",
            );
            continue;
        }
        if text.starts_with("- ") || text.starts_with('-') || text.ends_with(';') {
            out.push(
                "recipients.punctuation",
                Severity::Hint,
                loc(),
                format!(
                    "Dòng nơi nhận {} có gạch đầu dòng hoặc dấu «;» gõ tay.",
                    quote(text)
                ),
                "Bỏ «- » ở đầu và «;» ở cuối: văn bản tự thêm khi in.",
            );
        }
        match storage(text) {
            Some(_) if i < last => out.push(
                "recipients.luu-not-last",
                Severity::Error,
                loc(),
                "Dòng «Lưu: …» phải là dòng cuối cùng của nơi nhận.",
                "Chuyển dòng «Lưu: VT, …» xuống cuối.",
            ),
            Some(rest) if i == last => {
                let after_vt = rest.strip_prefix("VT");
                match after_vt {
                    None => out.push(
                        "recipients.luu-missing",
                        Severity::Error,
                        loc(),
                        format!("Dòng lưu {} chưa có «VT» (văn thư).", quote(text)),
                        "Ghi «Lưu: VT, <chữ viết tắt đơn vị soạn thảo>».",
                    ),
                    Some(unit) if blank(unit.trim_start_matches(',').trim_end_matches('.')) => out
                        .push(
                        "recipients.luu-unit-missing",
                        Severity::Warning,
                        loc(),
                        "Dòng lưu chưa ghi đơn vị soạn thảo sau «VT».",
                        "Ghi «Lưu: VT, <chữ viết tắt đơn vị soạn thảo>», ví dụ «Lưu: VT, KGVX».",
                    ),
                    Some(_) => {}
                }
            }
            None if i == last => out.push(
                "recipients.luu-missing",
                Severity::Error,
                loc(),
                "Dòng cuối của nơi nhận chưa phải là «Lưu: VT, …».",
                "Thêm dòng cuối «Lưu: VT, <chữ viết tắt đơn vị soạn thảo>».",
            ),
            _ => {}
        }
    }
}

/// Heads of a ministry or ministry-level body, with their deputies.
const MINISTRY_HEADS: &[(&str, &str)] = &[
    ("BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    ("THỐNG ĐỐC", "PHÓ THỐNG ĐỐC"),
    ("TỔNG THANH TRA", "PHÓ TỔNG THANH TRA"),
    ("CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
];

pub(super) fn signer(plan: &Plan, out: &mut Sink) {
    let s = &plan.signer;
    let loc = |field: &str| at(Part::Signer, None, Some(field));
    for (i, c) in s.capacities.iter().enumerate() {
        if !blank(&c.on_behalf_of) && c.on_behalf_of.to_uppercase() != c.on_behalf_of {
            out.push(
                "signer.not-uppercase",
                Severity::Hint,
                loc(&format!("capacities[{i}].on_behalf_of")),
                "Dòng quyền hạn của người ký chưa viết in hoa như khi in.",
                format!("Ghi «{}».", c.on_behalf_of.trim().to_uppercase()),
            );
        }
    }
    if blank(&s.position) {
        out.push(
            "signer.position-missing",
            Severity::Error,
            loc("position"),
            "Chưa có chức vụ của người ký.",
            match plan.meta.level {
                Level::Tinh => "Ghi «CHỦ TỊCH», hoặc «PHÓ CHỦ TỊCH» khi ký thay (KT. CHỦ TỊCH).",
                Level::Bo => "Ghi «BỘ TRƯỞNG», hoặc «THỨ TRƯỞNG» khi ký thay (KT. BỘ TRƯỞNG).",
            },
        );
    } else if s.position.to_uppercase() != s.position {
        out.push(
            "signer.not-uppercase",
            Severity::Hint,
            loc("position"),
            "Chức vụ của người ký chưa viết in hoa như khi in.",
            format!("Ghi «{}».", s.position.trim().to_uppercase()),
        );
    }
    if blank(&s.name) {
        out.push(
            "signer.name-missing",
            Severity::Error,
            loc("name"),
            "Chưa có họ và tên người ký.",
            "Ghi họ và tên người ký (không ghi học hàm, học vị).",
        );
    } else {
        let titled = s.name.split_whitespace().any(|w| {
            matches!(
                w.trim_end_matches(','),
                "TS."
                    | "ThS."
                    | "PGS."
                    | "GS."
                    | "PGS.TS."
                    | "GS.TS."
                    | "TS"
                    | "ThS"
                    | "KS."
                    | "CN."
            )
        });
        if titled {
            out.push(
                "signer.name-title",
                Severity::Warning,
                loc("name"),
                format!("Họ tên người ký {} có học hàm, học vị.", quote(&s.name)),
                "Nghị định 30 không ghi học hàm, học vị trước họ tên người ký: chỉ ghi họ và tên.",
            );
        }
    }
    capacities(plan, out);
}

/// Capacity lines and position consistent with the level.
fn capacities(plan: &Plan, out: &mut Sink) {
    let s = &plan.signer;
    let caps: Vec<(SigningAuthority, String)> = s
        .capacities
        .iter()
        .map(|c| (c.authority, canonical_upper(&c.on_behalf_of)))
        .collect();
    let position = canonical_upper(&s.position);
    let loc = |field: &str| at(Part::Signer, None, Some(field));
    if let Some(i) = caps.iter().position(|(a, _)| {
        matches!(
            a,
            SigningAuthority::ThuaLenh | SigningAuthority::ThuaUyQuyen
        )
    }) {
        out.push(
            "signer.capacity-unusual",
            Severity::Warning,
            loc(&format!("capacities[{i}].authority")),
            format!(
                "Kế hoạch được ký «{}»: kế hoạch của {} thường do người đứng đầu ký hoặc cấp phó ký thay (KT.).",
                caps[i].0.prefix(),
                match plan.meta.level {
                    Level::Tinh => "Ủy ban nhân dân tỉnh",
                    Level::Bo => "bộ",
                }
            ),
            "Kiểm tra lại thẩm quyền ký; thừa lệnh, thừa ủy quyền không dùng cho văn bản này.",
        );
        return;
    }
    let position_fits =
        |expected: &[&str]| blank(&s.position) || expected.contains(&position.as_str());
    let cap = |a: SigningAuthority, who: &str| (a, who.to_owned());
    match plan.meta.level {
        Level::Tinh => {
            let tm = cap(SigningAuthority::ThayMat, "ỦY BAN NHÂN DÂN");
            let deputy_alone = caps == [cap(SigningAuthority::KyThay, "CHỦ TỊCH")];
            if deputy_alone && position_fits(&["PHÓ CHỦ TỊCH"]) {
                // Issued practice: many provinces print "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
                // without the collective line. Not wrong enough to stop the plan.
                out.push(
                    "signer.collective-line-missing",
                    Severity::Warning,
                    loc("capacities"),
                    "Khối chữ ký «KT. CHỦ TỊCH» / «PHÓ CHỦ TỊCH» chưa có dòng «TM. ỦY BAN NHÂN DÂN». Nhiều tỉnh vẫn ban hành như vậy, nhưng kế hoạch do Ủy ban nhân dân tỉnh ban hành là văn bản của tập thể: theo Nghị định 30, dòng đầu là «TM. ỦY BAN NHÂN DÂN», rồi «KT. CHỦ TỊCH» khi Phó Chủ tịch ký thay.",
                    "Thêm dòng «TM. ỦY BAN NHÂN DÂN» trước «KT. CHỦ TỊCH» (ba dòng: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), hoặc giữ như hiện nay nếu đó là cách văn phòng của tỉnh trình bày.",
                );
                return;
            }
            if caps.first() != Some(&tm) {
                out.push(
                    "signer.capacity-level",
                    Severity::Error,
                    loc(if caps.is_empty() { "capacities" } else { "capacities[0]" }),
                    "Kế hoạch của Ủy ban nhân dân tỉnh được ký thay mặt tập thể: dòng đầu của khối chữ ký phải là «TM. ỦY BAN NHÂN DÂN».",
                    "Thêm dòng «TM. ỦY BAN NHÂN DÂN»; khi Phó Chủ tịch ký, thêm tiếp «KT. CHỦ TỊCH».",
                );
                return;
            }
            match &caps[1..] {
                [] if !position_fits(&["CHỦ TỊCH"]) => out.push(
                    "signer.position-level",
                    Severity::Error,
                    loc("position"),
                    format!("Ký «TM. ỦY BAN NHÂN DÂN» trực tiếp thì chức vụ là «CHỦ TỊCH», không phải {}.", quote(&s.position)),
                    "Ghi «CHỦ TỊCH»; khi Phó Chủ tịch ký, thêm dòng «KT. CHỦ TỊCH» và ghi «PHÓ CHỦ TỊCH».",
                ),
                [(SigningAuthority::KyThay, who)] if who == "CHỦ TỊCH" => {
                    if !position_fits(&["PHÓ CHỦ TỊCH"]) {
                        out.push(
                            "signer.position-level",
                            Severity::Error,
                            loc("position"),
                            format!("Ký thay Chủ tịch (KT. CHỦ TỊCH) thì chức vụ là «PHÓ CHỦ TỊCH», không phải {}.", quote(&s.position)),
                            "Ghi «PHÓ CHỦ TỊCH», hoặc bỏ dòng «KT. CHỦ TỊCH» khi Chủ tịch ký.",
                        );
                    }
                }
                [] | [(SigningAuthority::Quyen, _)] => {}
                _ => out.push(
                    "signer.capacity-level",
                    Severity::Error,
                    loc("capacities[1]"),
                    "Sau «TM. ỦY BAN NHÂN DÂN» chỉ có thể là «KT. CHỦ TỊCH» (Phó Chủ tịch ký thay).",
                    "Sửa thành «TM. ỦY BAN NHÂN DÂN» / «KT. CHỦ TỊCH» / «PHÓ CHỦ TỊCH», hoặc «TM. ỦY BAN NHÂN DÂN» / «CHỦ TỊCH».",
                ),
            }
        }
        Level::Bo => {
            let heads: Vec<&str> = MINISTRY_HEADS.iter().map(|(h, _)| *h).collect();
            match caps.as_slice() {
                [] if !position_fits(&heads) => out.push(
                    "signer.position-level",
                    Severity::Error,
                    loc("position"),
                    format!("Người đứng đầu bộ ký trực tiếp thì chức vụ là «BỘ TRƯỞNG», không phải {}.", quote(&s.position)),
                    "Ghi «BỘ TRƯỞNG»; khi Thứ trưởng ký, thêm dòng «KT. BỘ TRƯỞNG» và ghi «THỨ TRƯỞNG».",
                ),
                [(SigningAuthority::KyThay, who)] => match MINISTRY_HEADS.iter().find(|(h, _)| h == who) {
                    Some((_, deputy)) => {
                        if !position_fits(&[*deputy]) {
                            out.push(
                                "signer.position-level",
                                Severity::Error,
                                loc("position"),
                                format!("Ký thay {} (KT.) thì chức vụ là «{deputy}», không phải {}.", who.to_lowercase(), quote(&s.position)),
                                format!("Ghi «{deputy}»."),
                            );
                        }
                    }
                    None => out.push(
                        "signer.capacity-level",
                        Severity::Error,
                        loc("capacities[0]"),
                        format!("Ký thay (KT.) cho «{who}»: ở cấp bộ, cấp phó ký thay người đứng đầu («KT. BỘ TRƯỞNG»)."),
                        "Sửa thành «KT. BỘ TRƯỞNG» / «THỨ TRƯỞNG».",
                    ),
                },
                [] | [(SigningAuthority::Quyen, _)] => {}
                _ => out.push(
                    "signer.capacity-level",
                    Severity::Error,
                    loc("capacities[0]"),
                    "Kế hoạch của bộ do Bộ trưởng ký, hoặc Thứ trưởng ký thay («KT. BỘ TRƯỞNG»); bộ không ký thay mặt tập thể (TM.).",
                    "Sửa khối chữ ký thành «BỘ TRƯỞNG», hoặc «KT. BỘ TRƯỞNG» / «THỨ TRƯỞNG».",
                ),
            }
        }
    }
}
