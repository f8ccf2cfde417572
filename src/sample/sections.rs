//! The section tree: the Khung's sections in the framework's order, each with content,
//! plus the custom "MỤC ĐÍCH, YÊU CẦU" before II.

use crate::framework::{self, FrameworkSection};
use crate::model::{Block, BulletLevel, Section, SectionOrigin};

use super::profile::Profile;
use super::scale;
use super::text::{rich, Ctx};

/// Id of the custom section inserted before II.
pub(super) const PURPOSE_ID: &str = "custom-muc-dich-yeu-cau";

/// The Khung's section ids in document order, used only while the framework data is
/// still empty (the ids are the Khung's own, so the plan stays valid once it is filled).
const KHUNG_IDS: &[&str] = &[
    "I", "II", "II.1", "II.2", "II.2.1", "II.2.1.a", "II.2.1.b", "II.2.2", "II.2.3", "III",
    "III.1", "III.2", "III.3", "III.4", "III.5", "III.6", "III.7", "III.8", "III.9", "IV", "IV.1",
    "IV.2", "IV.3", "IV.4", "IV.5", "IV.6", "V", "VI",
];

/// Short names of the areas of III, for the summary of VI.
pub(super) const AREAS: [&str; 9] = [
    "Lãnh đạo, chỉ đạo, điều hành; kiểm tra, giám sát",
    "Thể chế, chính sách số",
    "Hạ tầng số",
    "Nhân lực số",
    "Dữ liệu số",
    "An toàn thông tin mạng",
    "Chính phủ số, Chính quyền số",
    "Kinh tế số và xã hội số",
    "Nâng cao nhận thức, truyền thông",
];

/// Text shared by both levels, by section id ("@annual" for the annual plan's variant).
const SHARED: &[(&str, &[&str])] = &[
    (PURPOSE_ID, &[
        "**1. Mục đích**",
        "- Cụ thể hóa các mục tiêu, nhiệm vụ của Nghị quyết số 57-NQ/TW, Luật Chuyển đổi số, Chương trình phát triển Chính phủ số và Khung Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026 - 2030 phù hợp với điều kiện thực tế của {dv}.",
        "- Xác định rõ mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp và nguồn lực để đẩy mạnh chuyển đổi số toàn diện {ky}, lấy người dân, doanh nghiệp làm trung tâm, không để ai bị bỏ lại phía sau.",
        "- Làm căn cứ để {cqdv} xây dựng kế hoạch, bố trí kinh phí và tổ chức triển khai; làm cơ sở theo dõi, kiểm tra, đánh giá kết quả thực hiện.",
        "**2. Yêu cầu**",
        "- Bám sát chủ trương, chỉ đạo của Đảng, Nhà nước; gắn chuyển đổi số với cải cách hành chính, {gan}.",
        "- Nhiệm vụ được giao bảo đảm nguyên tắc *“6 rõ”*: rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền; không giao trùng lặp, không đầu tư dàn trải.",
        "- Chỉ tiêu rõ ràng, định lượng được, khả thi và có tính đột phá; có phương pháp đo lường và cơ quan chủ trì theo dõi, đánh giá.",
        "- Ưu tiên sử dụng các nền tảng số quốc gia, nền tảng số dùng chung; bảo đảm an toàn thông tin mạng ngay từ khâu thiết kế.",
    ]),
    ("II", &[
        "Mục tiêu {ky} không chỉ là sự tiếp nối kết quả giai đoạn 2021 - 2025 mà phải mang tính đột phá, tập trung vào chất lượng và hiệu quả sử dụng: chuyển từ “có dịch vụ” sang “dịch vụ được sử dụng”, từ “có dữ liệu” sang “dữ liệu được khai thác”.",
    ]),
    ("II@annual", &[
        "Mục tiêu {ky} được xác định trên cơ sở lộ trình của Kế hoạch chuyển đổi số giai đoạn 2026 - 2030, tập trung vào chất lượng và hiệu quả sử dụng: chuyển từ “có dịch vụ” sang “dịch vụ được sử dụng”, từ “có dữ liệu” sang “dữ liệu được khai thác”.",
    ]),
    ("II.2", &[
        "Các mục tiêu, chỉ tiêu cụ thể được xây dựng trên cơ sở các chỉ tiêu tối thiểu của Khung Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026 - 2030 và điều kiện thực tế của {dv}; mỗi chỉ tiêu có giá trị hiện trạng, phương pháp đo lường và cơ quan chủ trì theo dõi, đánh giá. Ngoài các chỉ tiêu theo Khung, {dv} bổ sung một số chỉ tiêu đặc thù. Chi tiết các chỉ tiêu tại [[phu-luc:chi-tieu]] kèm theo Kế hoạch này.",
    ]),
    ("II.2.1", &[
        "Bảo đảm đạt và vượt các chỉ tiêu tối thiểu về phát triển {cq}, tập trung vào hai nhóm: cung cấp dịch vụ số bao trùm, thông minh và quản lý, chỉ đạo, điều hành thông minh, an toàn dựa trên dữ liệu.",
    ]),
    ("II.2.1.a", &[
        "Chuyển mạnh từ cung cấp dịch vụ công trực tuyến sang dịch vụ số chủ động, cá thể hóa; {ndn} chỉ cung cấp thông tin một lần; mức độ hài lòng là thước đo chính. Các chỉ tiêu cụ thể như sau:",
    ]),
    ("II.2.1.b", &[
        "Mọi hoạt động chỉ đạo, điều hành, quản trị nội bộ được thực hiện trên môi trường số, dựa trên dữ liệu thời gian thực; ứng dụng trí tuệ nhân tạo trong phân tích, dự báo và hỗ trợ ra quyết định. Các chỉ tiêu cụ thể như sau:",
    ]),
    ("II.2.3", &[
        "Phát triển xã hội số văn minh, an toàn, bao trùm; thu hẹp khoảng cách số giữa các vùng, các nhóm dân cư; phổ cập kỹ năng số, danh tính số và thanh toán số. Các chỉ tiêu cụ thể như sau:",
    ]),
    ("III", &[
        "Các nhiệm vụ, giải pháp bám sát yêu cầu, định hướng của Khung Kế hoạch và văn bản hướng dẫn của Bộ Khoa học và Công nghệ; mỗi nhiệm vụ xác định rõ nội dung, sản phẩm, thời gian, đơn vị chủ trì, phối hợp và cấp có thẩm quyền phê duyệt. Danh mục nhiệm vụ, dự án chi tiết tại [[phu-luc:nhiem-vu]].",
    ]),
    ("III.1", &[
        "Tăng cường vai trò, trách nhiệm của {bcd} trong lãnh đạo, chỉ đạo chuyển đổi số; xác định chuyển đổi số là nhiệm vụ trọng tâm, thường xuyên, gắn với trách nhiệm của người đứng đầu.",
        "- Người đứng đầu {cqdv} trực tiếp chỉ đạo và chịu trách nhiệm về kết quả chuyển đổi số của cơ quan, đơn vị mình.",
        "- Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch theo nguyên tắc “6 rõ”; định kỳ hằng quý báo cáo Ban Chỉ đạo:",
        "+ Tiến độ thực hiện các nhiệm vụ, dự án và mức độ hoàn thành chỉ tiêu;",
        "+ Các khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ.",
        "- Gắn kết quả thực hiện nhiệm vụ chuyển đổi số với công tác thi đua, khen thưởng và đánh giá, xếp loại cơ quan, đơn vị, cán bộ, công chức hằng năm.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.2", &[
        "Hoàn thiện thể chế, chính sách số của {dv} đồng bộ với Luật Chuyển đổi số và các văn bản hướng dẫn thi hành; tạo hành lang pháp lý cho việc kết nối, chia sẻ, khai thác dữ liệu và thử nghiệm mô hình, công nghệ mới.",
        "- Rà soát các văn bản do {dv} ban hành có liên quan đến Luật Chuyển đổi số; công bố hoặc trình cấp có thẩm quyền công bố việc tiếp tục hiệu lực của các văn bản hướng dẫn Luật Công nghệ thông tin số 67/2006/QH11.",
        "- Quy định cụ thể trách nhiệm chia sẻ dữ liệu giữa các cơ quan nhà nước theo nguyên tắc “dữ liệu của cơ quan nhà nước mặc định mở và chia sẻ, trừ trường hợp pháp luật quy định khác”.",
        "- Ưu tiên thuê dịch vụ công nghệ thông tin, thuê hạ tầng đám mây thay vì đầu tư mua sắm phần cứng.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.3", &[
        "Phát triển hạ tầng số đồng bộ, hiện đại, an toàn tới {coso}; ưu tiên xây dựng, sử dụng hạ tầng số dùng chung, thực hiện chiến lược “Cloud First”, hạn chế tối đa việc đầu tư phòng máy chủ nhỏ lẻ.",
        "- Chuyển đổi IPv6 toàn diện theo Chương trình thúc đẩy, triển khai, chuyển đổi IPv6 only cho Việt Nam giai đoạn 2026 - 2030.",
        "- Kết nối Mạng truyền số liệu chuyên dùng; triển khai các ứng dụng, nền tảng theo Quyết định số 33/2025/QĐ-TTg ngày 15/9/2025 của Thủ tướng Chính phủ trên Mạng truyền số liệu chuyên dùng.",
        "- {ht}",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.4", &[
        "Phát triển nhân lực số đủ về số lượng, bảo đảm chất lượng cho khu vực công; chú trọng đội ngũ chuyên gia về dữ liệu, trí tuệ nhân tạo, an toàn thông tin và nâng cao kỹ năng số cho toàn bộ {cb}.",
        "- Đào tạo, bồi dưỡng kỹ năng số cơ bản, kỹ năng ứng dụng trí tuệ nhân tạo và vận hành các nền tảng số theo Khung kiến thức, kỹ năng số cơ bản.",
        "- Bồi dưỡng tư duy chuyển đổi số, quản trị dựa trên dữ liệu cho đội ngũ lãnh đạo các cấp.",
        "- Nghiên cứu áp dụng cơ chế đặc thù về tiền lương, thưởng, chế độ làm việc để thu hút nhân lực công nghệ số chất lượng cao.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.5", &[
        "Phát triển dữ liệu số trở thành tài nguyên, tư liệu sản xuất mới; bảo đảm dữ liệu “đúng, đủ, sạch, sống, thống nhất, dùng chung”, nâng mức độ trưởng thành về quản trị dữ liệu của {dv} lên cấp độ 4 - 5 vào năm 2030.",
        "- Xây dựng Kho dữ liệu dùng chung của {dv}, tập trung dữ liệu các lĩnh vực trọng điểm: {ldl}.",
        "- Triển khai công cụ rà soát, làm sạch, chuẩn hóa dữ liệu; kết nối, chia sẻ dữ liệu qua Nền tảng tích hợp, chia sẻ dữ liệu của {dv} với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia.",
        "- Công bố dữ liệu mở phục vụ người dân, doanh nghiệp khai thác, như: {dlm}.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.6", &[
        "Bảo đảm an toàn thông tin mạng là yêu cầu tiên quyết, xuyên suốt trong quá trình chuyển đổi số; bảo vệ dữ liệu cá nhân và dữ liệu của cơ quan nhà nước.",
        "- 100% hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ và triển khai phương án bảo vệ theo mô hình 4 lớp trước khi đưa vào vận hành.",
        "- Triển khai giải pháp bảo vệ dữ liệu cá nhân, chống lộ lọt dữ liệu theo Luật Bảo vệ dữ liệu cá nhân.",
        "- Ứng dụng trí tuệ nhân tạo để rà quét, phát hiện, ngăn chặn tin giả, thông tin xấu độc, lừa đảo trực tuyến (deepfake).",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.7", &[
        "Phát triển {cq} với dịch vụ công thông minh, chỉ đạo, điều hành dựa trên dữ liệu; ứng dụng trí tuệ nhân tạo để phát triển các nền tảng, công cụ hỗ trợ người dân và {cb}.",
        "- *Dịch vụ công thông minh với AI:* tích hợp trợ lý ảo hướng dẫn thủ tục hành chính; tự động điền biểu mẫu từ Cơ sở dữ liệu quốc gia về dân cư; tự động kiểm tra tính hợp lệ của hồ sơ và soạn thảo dự thảo kết quả.",
        "- *Chỉ đạo, điều hành dựa trên dữ liệu:* nâng cấp Trung tâm giám sát, điều hành thông minh (IOC) từ hiển thị thống kê sang phân tích dự báo và cảnh báo sớm:",
        "+ Cảnh báo sớm các chỉ tiêu kinh tế - xã hội chậm tiến độ;",
        "+ Dự báo nhu cầu dịch vụ công, {iocx}.",
        "- Triển khai trợ lý ảo hỗ trợ {cb} tra cứu văn bản, tìm kiếm thông tin, hỗ trợ ra quyết định.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("III.9", &[
        "Đẩy mạnh tuyên truyền, nâng cao nhận thức về chuyển đổi số, bảo đảm an toàn trên môi trường số; tạo đồng thuận và sự tham gia tích cực của {ndn} và {cb}.",
        "- Đa dạng hóa hình thức truyền thông trên báo chí, mạng xã hội, nền tảng số; duy trì chuyên mục chuyển đổi số trên Cổng thông tin điện tử của {dv}.",
        "- Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10/10 hằng năm; lan tỏa phong trào “Bình dân học vụ số” trong cộng đồng.",
        "- Tuyên truyền kỹ năng nhận diện, phòng tránh lừa đảo trực tuyến, bảo vệ dữ liệu cá nhân.",
        "**Các nhiệm vụ cụ thể:**",
    ]),
    ("IV", &[
        "Để thực hiện hiệu quả các nhiệm vụ đề ra, {dv} tập trung triển khai đồng bộ các giải pháp sau:",
    ]),
    ("IV.1", &[
        "Rà soát, kiện toàn {bcd} và Tổ giúp việc; gắn kết chặt chẽ chuyển đổi số với cải cách hành chính; ban hành chương trình, kế hoạch hoạt động và kiểm tra của Ban Chỉ đạo hằng năm.",
        "- Phân công rõ trách nhiệm từng thành viên Ban Chỉ đạo theo ngành, lĩnh vực phụ trách; định kỳ 6 tháng Ban Chỉ đạo họp đánh giá kết quả, chỉ đạo tháo gỡ vướng mắc.",
        "- Đưa kết quả thực hiện chỉ tiêu chuyển đổi số vào tiêu chí đánh giá mức độ hoàn thành nhiệm vụ của người đứng đầu.",
    ]),
    ("IV.2", &[
        "Xây dựng nội dung, chương trình truyền thông, đào tạo, bồi dưỡng đa dạng, phù hợp từng đối tượng ({cb}, người dân, doanh nghiệp) với thời lượng, hình thức phù hợp, hiệu quả, thực chất.",
        "- Phát huy vai trò của {tocn}",
        "- Khai thác nền tảng “Bình dân học vụ số” và các khóa học trực tuyến mở đại trà để bồi dưỡng kỹ năng số.",
    ]),
    ("IV.3", &[
        "- Áp dụng chính sách thu hút, đãi ngộ trong tuyển dụng, chuyển ngành, nâng ngạch đối với nhân lực công nghệ số; bồi dưỡng, phát triển nhân lực tại chỗ.",
        "- Hợp tác với cơ sở đào tạo, doanh nghiệp công nghệ để thu hút chuyên gia, tìm hiểu giải pháp, công nghệ; phát triển nhân lực trong các lĩnh vực dữ liệu, trí tuệ nhân tạo, bán dẫn.",
    ]),
    ("IV.4", &[
        "Nghiên cứu, đẩy mạnh ứng dụng các công nghệ số như điện toán đám mây, dữ liệu lớn, trí tuệ nhân tạo, chuỗi khối, Internet vạn vật vào hoạt động của {cqdv}; ưu tiên sản phẩm, giải pháp của doanh nghiệp công nghệ số Việt Nam.",
        "- Tổ chức thí điểm có kiểm soát các giải pháp trí tuệ nhân tạo trong dịch vụ công và chỉ đạo, điều hành; đánh giá hiệu quả trước khi nhân rộng.",
    ]),
    ("IV.5", &[
        "Bố trí nguồn lực tài chính từ ngân sách nhà nước và các nguồn hợp pháp khác theo quy định; ưu tiên bố trí tối thiểu 3% tổng chi ngân sách hằng năm cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số theo tinh thần Nghị quyết số 57-NQ/TW.",
        "- Lồng ghép kinh phí chuyển đổi số trong các chương trình mục tiêu quốc gia, chương trình, dự án khác; ưu tiên hình thức thuê dịch vụ công nghệ thông tin.",
        "- Huy động nguồn lực xã hội hóa, hợp tác công tư (PPP); có quy định, quy trình quản lý, sử dụng kinh phí công khai, minh bạch, hiệu quả.",
        "- Tổng kinh phí dự kiến thực hiện các nhiệm vụ, dự án của Kế hoạch khoảng **[[kinh-phi]] triệu đồng**, chi tiết tại [[phu-luc:nhiem-vu]].",
        "- Theo nguồn kinh phí (một nhiệm vụ có thể sử dụng nhiều nguồn): {ngan-sach} bảo đảm toàn bộ hoặc một phần [[so-nhiem-vu:{nguon}]] nhiệm vụ, dự án với kinh phí dự kiến [[kinh-phi:{nguon}]] triệu đồng; kinh phí chi thường xuyên bảo đảm [[so-nhiem-vu:recurrent-budget]] nhiệm vụ với kinh phí dự kiến [[kinh-phi:recurrent-budget]] triệu đồng.",
    ]),
    ("IV.6", &[
        "Tăng cường hợp tác với doanh nghiệp, viện nghiên cứu, trường đại học trong nước và tổ chức quốc tế trong chuyển đổi số và bảo đảm an toàn thông tin mạng: tham quan, học tập, chia sẻ kinh nghiệm; tham gia các sáng kiến quốc tế; quảng bá sản phẩm, dịch vụ số của doanh nghiệp Việt Nam.",
        "- Ký kết, triển khai thỏa thuận hợp tác chuyển đổi số với các tập đoàn, doanh nghiệp công nghệ số lớn trong nước.",
    ]),
    ("V", &[
        "Thủ trưởng {cqdv} căn cứ Kế hoạch này chủ động xây dựng kế hoạch chi tiết, bố trí nguồn lực và tổ chức thực hiện; trách nhiệm cụ thể của các cơ quan, đơn vị như sau. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh về {cds} để tổng hợp, báo cáo {pd} xem xét, điều chỉnh cho phù hợp.",
    ]),
    ("VI", &[
        "Danh mục [[so-nhiem-vu]] nhiệm vụ, dự án triển khai Kế hoạch, với tổng kinh phí dự kiến [[kinh-phi]] triệu đồng, chi tiết tại [[phu-luc:nhiem-vu]] kèm theo; mỗi nhiệm vụ, dự án xác định rõ kết quả dự kiến, hiệu quả đem lại, thời hạn hoàn thành, đơn vị chủ trì, phối hợp và nguồn kinh phí thực hiện. Cơ cấu theo lĩnh vực như sau:",
    ]),
];

/// The whole section tree with content.
pub(super) fn build(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<Section> {
    let fw = framework::current();
    let mut sections = if fw.sections.is_empty() {
        fallback_tree(None, profile, ctx, scale)
    } else {
        fw.sections
            .iter()
            .map(|s| from_framework(s, profile, ctx, scale))
            .collect()
    };
    let purpose = Section {
        id: PURPOSE_ID.to_owned(),
        origin: SectionOrigin::Custom,
        title: "MỤC ĐÍCH, YÊU CẦU".to_owned(),
        content: content(PURPOSE_ID, None, profile, ctx, scale),
        children: Vec::new(),
    };
    let at = sections
        .iter()
        .position(|s| s.id == "II")
        .unwrap_or(sections.len().min(1));
    sections.insert(at, purpose);
    sections
}

fn from_framework(s: &FrameworkSection, profile: &Profile, ctx: &Ctx, scale: usize) -> Section {
    let heading = s.heading.for_level(ctx.level);
    Section {
        id: s.id.clone(),
        origin: SectionOrigin::Framework,
        title: String::new(),
        content: content(&s.id, Some(heading), profile, ctx, scale),
        children: s
            .children
            .iter()
            .map(|c| from_framework(c, profile, ctx, scale))
            .collect(),
    }
}

fn fallback_tree(parent: Option<&str>, profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<Section> {
    KHUNG_IDS
        .iter()
        .filter(|id| id.rsplit_once('.').map(|(p, _)| p) == parent)
        .map(|id| Section {
            id: (*id).to_owned(),
            origin: SectionOrigin::Framework,
            title: String::new(),
            content: content(id, None, profile, ctx, scale),
            children: fallback_tree(Some(id), profile, ctx, scale),
        })
        .collect()
}

/// The text of one section: the level's own, else the shared one, then what is
/// generated (VI's figures) and what the scale adds (I, III.x, IV.4).
fn content(
    id: &str,
    heading: Option<&str>,
    profile: &Profile,
    ctx: &Ctx,
    scale: usize,
) -> Vec<Block> {
    let annual_id = format!("{id}@annual");
    let find = |table: &[(&'static str, &'static [&'static str])]| {
        let annual = ctx
            .is_annual()
            .then(|| table.iter().find(|(k, _)| *k == annual_id))
            .flatten();
        annual
            .or_else(|| table.iter().find(|(k, _)| *k == id))
            .map(|(_, lines)| *lines)
    };
    let mut blocks = match find(profile.sections).or_else(|| find(SHARED)) {
        Some(lines) => ctx.blocks(lines),
        None => vec![ctx.block(&format!(
            "Trong {}, {} triển khai nội dung “{}” theo hướng dẫn của Khung Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026 - 2030; các nhiệm vụ cụ thể tại [[phu-luc:nhiem-vu]].",
            ctx.fill("{ky}"),
            ctx.fill("{dv}"),
            heading.unwrap_or(id).trim_end_matches('.'),
        ))],
    };
    if let Some(area) = id.strip_prefix("III.").and_then(|a| a.parse::<u8>().ok()) {
        // The tasks themselves are printed by the document from the task list, once.
        blocks.extend(scale::area_duties(profile, ctx, area, scale));
    }
    match id {
        "I" => {
            // The sectors' situation belongs to the evaluation, before its limits.
            let at = blocks
                .iter()
                .position(|b| b.text().to_plain().starts_with("Tồn tại"))
                .unwrap_or(blocks.len());
            let extra = scale::situation_paragraphs(profile, ctx, scale);
            blocks.splice(at..at, extra);
            if ctx.is_annual() {
                without_evaluation(&mut blocks);
            }
        }
        "IV.4" => blocks.extend(scale::technology_bullets(profile, ctx, scale)),
        "VI" => blocks.extend(area_summary()),
        _ => {}
    }
    blocks
}

/// An annual plan evaluates last year in Phần I: section I keeps its căn cứ and
/// context ("1.", "3." → "2."), not a second evaluation ("2. Đánh giá …").
fn without_evaluation(blocks: &mut Vec<Block>) {
    let starts = |b: &Block, prefix: &str| b.text().to_plain().starts_with(prefix);
    let Some(from) = blocks.iter().position(|b| starts(b, "2. Đánh giá")) else {
        return;
    };
    let to = blocks[from..]
        .iter()
        .position(|b| starts(b, "3. "))
        .map_or(blocks.len(), |n| from + n);
    blocks.drain(from..to);
    if let Some(run) = blocks
        .get_mut(from)
        .and_then(|b| match b {
            Block::Paragraph { text } | Block::Heading { text } => text.0.first_mut(),
            Block::Bullet { .. } => None,
        })
        .filter(|r| r.text.starts_with("3. "))
    {
        run.text.replace_range(..1, "2");
    }
}

/// "Hạ tầng số: N nhiệm vụ, kinh phí dự kiến … triệu đồng;", the figures generated.
fn area_summary() -> Vec<Block> {
    (1..=9u8)
        .map(|area| {
            let end = if area == 9 { "." } else { ";" };
            Block::Bullet {
                level: BulletLevel::Dash,
                text: rich(&format!(
                    "{}: [[so-nhiem-vu:{area}]] nhiệm vụ, kinh phí dự kiến [[kinh-phi:{area}]] triệu đồng{end}",
                    AREAS[usize::from(area) - 1],
                )),
            }
        })
        .collect()
}
