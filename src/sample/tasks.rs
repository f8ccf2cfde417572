//! The tasks of section III and Phụ lục II: the rows both levels share, and the
//! conversion of a row into a [`Task`] for the plan's level and years.

use crate::model::{FundingSource, Level, MonthYear, Task};

use super::profile::{Profile, TaskRow};
use super::scale;
use super::text::Ctx;

/// A task with what the generator needs to link it and to describe it in section III.
pub(super) struct TaskDraft {
    pub task: Task,
    pub topics: Vec<&'static str>,
    /// For a scaled copy, its sector.
    pub sector: Option<usize>,
    /// Index of the table row the task comes from (copies share it).
    pub row: usize,
}

/// Tasks written once for both levels (with `{key}` wordings).
const SHARED: &[TaskRow] = &[
    (1, "Kiện toàn Ban Chỉ đạo, Tổ giúp việc về chuyển đổi số của {dv}",
        "Rà soát, kiện toàn thành phần {bcd} và Tổ giúp việc; ban hành quy chế hoạt động, chương trình công tác hằng năm, phân công thành viên phụ trách từng lĩnh vực.",
        "Quyết định kiện toàn Ban Chỉ đạo, Tổ giúp việc; quy chế hoạt động và chương trình công tác hằng năm được ban hành",
        "Bảo đảm sự lãnh đạo, chỉ đạo tập trung, thống nhất, xuyên suốt đối với chuyển đổi số",
        "{cds}", "{vp}; {nv}", "01/2026-03/2026", "{ct}", "tx", 120.0, "dti"),
    (1, "Xây dựng Hệ thống theo dõi, đánh giá thực hiện Kế hoạch chuyển đổi số trên môi trường số",
        "Số hóa danh mục nhiệm vụ, chỉ tiêu của Kế hoạch; các đơn vị cập nhật tiến độ hằng tháng; hệ thống tự động tổng hợp báo cáo, cảnh báo nhiệm vụ chậm tiến độ tới Thường trực Ban Chỉ đạo.",
        "Hệ thống theo dõi, đánh giá thực hiện Kế hoạch được đưa vào vận hành, kết nối với Hệ thống thông tin báo cáo của {dv}",
        "Theo dõi tiến độ theo thời gian thực, giảm báo cáo giấy, phát hiện sớm nhiệm vụ chậm tiến độ",
        "{cds}", "{vp}; {tt}", "02/2026-09/2026", "{gd}", "ns", 1800.0, "giamsat-nv"),
    (1, "Kiểm tra, giám sát việc thực hiện nhiệm vụ chuyển đổi số tại {cqdv}",
        "Xây dựng kế hoạch kiểm tra hằng năm; kiểm tra trực tiếp tối thiểu 20% cơ quan, đơn vị mỗi năm và giám sát trực tuyến các chỉ tiêu; kiến nghị xử lý trách nhiệm đối với nhiệm vụ chậm tiến độ.",
        "Kế hoạch và báo cáo kết quả kiểm tra hằng năm; danh mục kiến nghị được theo dõi đến khi xử lý xong",
        "Nâng cao kỷ luật, kỷ cương, trách nhiệm người đứng đầu trong thực hiện chuyển đổi số",
        "{cds}", "{vp}; {nv}", "03/2026-11/2030", "{ct}", "tx", 600.0, "dti giamsat-nv"),
    (1, "Đánh giá, xếp hạng mức độ chuyển đổi số của {cqdv} hằng năm",
        "Ban hành Bộ chỉ số đánh giá mức độ chuyển đổi số của các cơ quan, đơn vị phù hợp với Bộ chỉ số DTI quốc gia; tổ chức đánh giá, công bố kết quả hằng năm, gắn với thi đua, khen thưởng.",
        "Bộ chỉ số được ban hành; kết quả xếp hạng được công bố trước ngày 31/3 hằng năm",
        "Tạo động lực cạnh tranh tích cực, đo lường khách quan kết quả chuyển đổi số của từng cơ quan, đơn vị",
        "{cds}", "{nv}; {cqdv}", "04/2026-03/2030", "{pd}", "tx", 900.0, "dti"),
    (2, "Rà soát văn bản của {dv} theo Luật Chuyển đổi số",
        "Rà soát, đánh giá tính tương thích của các văn bản do {dv} ban hành có liên quan đến Luật Chuyển đổi số; công bố việc tiếp tục hiệu lực của các văn bản hướng dẫn Luật Công nghệ thông tin; đề xuất sửa đổi, bổ sung, thay thế, bãi bỏ, gửi Bộ Khoa học và Công nghệ tổng hợp.",
        "Báo cáo rà soát kèm danh mục văn bản đề xuất sửa đổi, bổ sung, thay thế, bãi bỏ",
        "Bảo đảm hệ thống văn bản của {dv} thống nhất, đồng bộ với Luật Chuyển đổi số",
        "{pc}", "{cds}; {cqdv}", "01/2026-09/2026", "{pd}", "tx", 250.0, "vb-ra-soat"),
    (2, "Ban hành Danh mục dữ liệu dùng chung, dữ liệu mở và quy định chia sẻ dữ liệu của {dv}",
        "Xây dựng, ban hành danh mục cơ sở dữ liệu dùng chung, danh mục dữ liệu mở; quy định trách nhiệm chia sẻ dữ liệu giữa các cơ quan theo nguyên tắc dữ liệu của cơ quan nhà nước mặc định mở và chia sẻ, trừ trường hợp pháp luật quy định khác.",
        "Quyết định ban hành danh mục dữ liệu dùng chung, dữ liệu mở; quy chế chia sẻ dữ liệu được áp dụng và cập nhật hằng năm",
        "Tạo cơ sở pháp lý cho kết nối, chia sẻ, khai thác dữ liệu, giảm giấy tờ cho người dân, doanh nghiệp",
        "{cds}", "{pc}; {vp}; {cqdv}", "03/2026-12/2026", "{pd}", "tx", 350.0, "dulieumo ketnoi open-ds"),
    (2, "Ban hành Quy chế quản lý, vận hành, khai thác các nền tảng số dùng chung của {dv}",
        "Quy định trách nhiệm quản lý, vận hành, cập nhật dữ liệu và bảo đảm an toàn thông tin đối với các nền tảng số dùng chung; quy trình tiếp nhận, xử lý yêu cầu kết nối của các cơ quan, đơn vị.",
        "Quy chế quản lý, vận hành, khai thác các nền tảng số dùng chung được ban hành",
        "Các nền tảng số được sử dụng thống nhất, hiệu quả, tránh đầu tư trùng lặp",
        "{cds}", "{pc}; {cqdv}", "04/2026-10/2026", "{pd}", "tx", 200.0, "nentang"),
    (2, "Xây dựng hướng dẫn ưu tiên thuê dịch vụ công nghệ thông tin và hạ tầng điện toán đám mây",
        "Hướng dẫn lập, thẩm định dự toán, lựa chọn nhà cung cấp dịch vụ công nghệ thông tin theo hình thức thuê; xây dựng danh mục dịch vụ ưu tiên thuê (hạ tầng đám mây, phần mềm dùng chung, dịch vụ giám sát an toàn thông tin).",
        "Văn bản hướng dẫn thuê dịch vụ và danh mục dịch vụ ưu tiên thuê được ban hành",
        "Linh hoạt, tối ưu chi phí đầu tư; rút ngắn thời gian triển khai các hệ thống thông tin",
        "{tc}", "{cds}; {pc}", "05/2026-12/2026", "{pd}", "tx", 180.0, "cloud ppp"),
    (3, "Chuyển đổi IPv6 cho hệ thống mạng, dịch vụ và cổng thông tin điện tử của {dv}",
        "Ban hành kế hoạch chuyển đổi IPv6; nâng cấp thiết bị mạng lõi, tường lửa, máy chủ; chuyển đổi Cổng thông tin điện tử, Cổng dịch vụ công và các hệ thống dùng chung sang hỗ trợ IPv6, tiến tới IPv6 only.",
        "100% hệ thống mạng, cổng thông tin, dịch vụ công trực tuyến của {dv} hỗ trợ IPv6",
        "Đáp ứng yêu cầu chuyển đổi IPv6 toàn diện, sẵn sàng cho IoT và các dịch vụ số mới",
        "{cds}", "{tt}; {cqdv}", "03/2026-12/2028", "{pd}", "ns", 3500.0, "ipv6"),
    (3, "Kết nối Mạng truyền số liệu chuyên dùng tới {coso} và chuyển các ứng dụng, nền tảng lên mạng chuyên dùng",
        "Mở rộng, nâng cấp băng thông kết nối Mạng truyền số liệu chuyên dùng tới {coso}; triển khai các ứng dụng, nền tảng theo Quyết định số 33/2025/QĐ-TTg trên Mạng truyền số liệu chuyên dùng.",
        "100% {coso} kết nối Mạng truyền số liệu chuyên dùng; 100% ứng dụng, nền tảng thuộc danh mục vận hành trên mạng chuyên dùng",
        "Bảo đảm kết nối an toàn, thông suốt, tiết kiệm chi phí đường truyền",
        "{cds}", "{tc}; {coso}", "01/2026-12/2027", "{pd}", "ns tx", 6200.0, "tslcd"),
    (3, "Chuyển dịch hệ thống thông tin của {dv} lên nền tảng điện toán đám mây trong nước",
        "Thực hiện chiến lược “Cloud First”: phân loại, lập lộ trình chuyển dịch các hệ thống thông tin lên nền tảng điện toán đám mây đạt chuẩn của doanh nghiệp trong nước; không đầu tư mới phòng máy chủ nhỏ lẻ tại đơn vị.",
        "Các hệ thống thông tin dùng chung và chuyên ngành được vận hành trên đám mây đạt chuẩn; lộ trình chuyển dịch được phê duyệt",
        "Giảm chi phí đầu tư, vận hành; nâng cao tính sẵn sàng, an toàn của hệ thống",
        "{cds}", "{tc}; {tt}; {cqdv}", "06/2026-12/2029", "{pd}", "ns ppp", 18500.0, "cloud"),
    (4, "Bồi dưỡng kỹ năng số cơ bản cho {cb}",
        "Tổ chức bồi dưỡng kỹ năng số cơ bản theo Khung kiến thức, kỹ năng số cơ bản trên nền tảng “Bình dân học vụ số” kết hợp lớp học trực tiếp; đánh giá, xác nhận hoàn thành.",
        "100% {cb} hoàn thành chương trình bồi dưỡng kỹ năng số cơ bản và được xác nhận trên nền tảng",
        "Đội ngũ {cb} sử dụng thành thạo các nền tảng số trong thực thi công vụ",
        "{nv}", "{cds}; {cqdv}", "02/2026-12/2027", "{gdnv}", "tx", 2400.0, "kynangso binhdan"),
    (4, "Đào tạo chuyên sâu về dữ liệu, trí tuệ nhân tạo và an toàn thông tin cho cán bộ chuyên trách",
        "Tổ chức các khóa đào tạo chuyên sâu về quản trị dữ liệu, khoa học dữ liệu, trí tuệ nhân tạo, an toàn thông tin mạng; hỗ trợ cán bộ chuyên trách thi lấy chứng chỉ quản trị dữ liệu cơ bản và chứng chỉ an toàn thông tin.",
        "Cán bộ chuyên trách được cấp chứng chỉ quản trị dữ liệu cơ bản, chứng chỉ an toàn thông tin theo lộ trình",
        "Hình thành đội ngũ chuyên gia tại chỗ đủ năng lực vận hành các nền tảng dữ liệu, trí tuệ nhân tạo",
        "{cds}", "{nv}; {tc}", "03/2026-12/2029", "{pd}", "ns tx", 3200.0, "chungchi attt-nl nlxa dau-moi"),
    (4, "Bồi dưỡng tư duy chuyển đổi số, quản trị dựa trên dữ liệu cho lãnh đạo các cấp",
        "Tổ chức chương trình bồi dưỡng cho lãnh đạo {cqdv} về tư duy chuyển đổi số, quản trị dựa trên dữ liệu, ứng dụng trí tuệ nhân tạo trong chỉ đạo, điều hành; học tập kinh nghiệm trong và ngoài nước.",
        "Tối thiểu 02 khóa bồi dưỡng mỗi năm; 100% lãnh đạo chủ chốt tham gia",
        "Nâng cao năng lực lãnh đạo, chỉ đạo chuyển đổi số của người đứng đầu",
        "{nv}", "{cds}", "04/2026-10/2030", "{gdnv}", "tx", 1500.0, "ai-kn kynangso"),
    (4, "Xây dựng chính sách thu hút, đãi ngộ nhân lực công nghệ số chất lượng cao vào khu vực công",
        "Nghiên cứu, đề xuất cơ chế đặc thù về tiền lương, thưởng, chế độ làm việc, thuê chuyên gia theo Luật Chuyển đổi số và Luật Công nghiệp công nghệ số; áp dụng trong tuyển dụng, chuyển ngành, nâng ngạch.",
        "Văn bản quy định chính sách thu hút, đãi ngộ nhân lực công nghệ số được ban hành",
        "Thu hút, giữ chân nhân lực chất lượng cao về dữ liệu, trí tuệ nhân tạo, an toàn thông tin",
        "{nv}", "{tc}; {cds}; {pc}", "06/2026-06/2027", "{pd}", "tx", 300.0, "attt-nl"),
    (5, "Xây dựng Kho dữ liệu dùng chung của {dv}",
        "Đầu tư Kho dữ liệu dùng chung (kết hợp kho dữ liệu và hồ dữ liệu) của {dv}; tập trung dữ liệu các lĩnh vực trọng điểm: {ldl}; kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia và các cơ sở dữ liệu quốc gia.",
        "Kho dữ liệu dùng chung của {dv} được đưa vào vận hành, tích hợp tối thiểu 15 cơ sở dữ liệu chuyên ngành",
        "Dữ liệu được quản lý tập trung, chia sẻ một lần dùng nhiều lần, phục vụ chỉ đạo, điều hành và dịch vụ công",
        "{cds}", "{tt}; {cqdv}", "01/2026-12/2027", "{pd}", "dt", 28000.0, "ketnoi kho qtdl"),
    (5, "Xây dựng Nền tảng tổng hợp, phân tích dữ liệu {cap} ứng dụng trí tuệ nhân tạo",
        "Xây dựng nền tảng tổng hợp, phân tích dữ liệu kế thừa Nền tảng phân tích dữ liệu lớn và trí tuệ nhân tạo dùng chung của quốc gia; phát triển các mô hình phân tích, dự báo phục vụ chỉ đạo, điều hành.",
        "Nền tảng tổng hợp, phân tích dữ liệu {cap} vận hành với tối thiểu 10 mô hình phân tích, dự báo",
        "Hỗ trợ ra quyết định dựa trên dữ liệu, dự báo sớm các vấn đề kinh tế - xã hội",
        "{cds}", "{vp}; {tc}; {tt}", "07/2026-12/2028", "{pd}", "dt ppp", 15000.0, "ai-dieuhanh"),
    (5, "Làm sạch, chuẩn hóa dữ liệu và nâng cao mức độ trưởng thành về quản trị dữ liệu",
        "Triển khai công cụ rà soát, làm sạch, chuẩn hóa dữ liệu; ban hành quy trình quản trị dữ liệu, từ điển dữ liệu dùng chung; tự đánh giá mức độ trưởng thành về quản trị dữ liệu hằng năm theo Bộ chỉ số của quốc gia.",
        "Dữ liệu của các cơ sở dữ liệu chuyên ngành bảo đảm “đúng, đủ, sạch, sống”; {dv} đạt cấp độ 3 năm 2027 và cấp độ 4 năm 2030",
        "Nâng cao chất lượng, độ tin cậy của dữ liệu; đáp ứng yêu cầu khai thác, tái sử dụng",
        "{cds}", "{cqdv}", "03/2026-12/2030", "{gd}", "ns tx", 4500.0, "qtdl csdl"),
    (5, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và tái sử dụng dữ liệu đã số hóa",
        "Số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực; số hóa hồ sơ lưu trữ có giá trị sử dụng thường xuyên; cấu hình hệ thống để tự động khai thác, tái sử dụng dữ liệu đã số hóa khi tiếp nhận hồ sơ.",
        "Kho quản lý dữ liệu điện tử của tổ chức, cá nhân được cập nhật đầy đủ; dữ liệu số hóa được tái sử dụng trong giải quyết thủ tục hành chính",
        "Người dân, doanh nghiệp không phải cung cấp lại thông tin, giấy tờ đã có; giảm thời gian, chi phí tuân thủ",
        "{vp}", "{hcc}; {cds}; {cqdv}", "01/2026-12/2028", "{pd}", "ns tx", 9600.0, "sohoa taisudung motlan luutru"),
    (5, "Công bố dữ liệu mở của {dv} phục vụ người dân, doanh nghiệp",
        "Xây dựng kế hoạch công bố dữ liệu mở hằng năm; công bố dữ liệu theo tiêu chuẩn kỹ thuật trên Cổng dữ liệu mở của {dv} và Cổng dữ liệu quốc gia, như: {dlm}; theo dõi lượt truy cập, tái sử dụng.",
        "Các bộ dữ liệu mở được công bố đúng chuẩn, cập nhật định kỳ; báo cáo mức độ sử dụng dữ liệu mở hằng năm",
        "Tăng tính minh bạch, thúc đẩy đổi mới sáng tạo và kinh tế dữ liệu",
        "{cds}", "{cqdv}", "04/2026-12/2030", "{gd}", "tx", 1200.0, "dulieumo open-ds"),
    (6, "Phê duyệt cấp độ và triển khai phương án bảo vệ hệ thống thông tin theo mô hình 4 lớp",
        "Rà soát, xác định cấp độ, phê duyệt hồ sơ đề xuất cấp độ cho toàn bộ hệ thống thông tin; triển khai đầy đủ phương án bảo vệ theo mô hình 4 lớp trước khi đưa hệ thống vào vận hành.",
        "100% hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ và triển khai phương án bảo vệ theo mô hình 4 lớp",
        "Bảo đảm an toàn thông tin mạng theo cấp độ, giảm thiểu nguy cơ sự cố",
        "{cds}", "{ca}; {cqdv}", "01/2026-12/2026", "{gd}", "tx", 800.0, "attt"),
    (6, "Nâng cấp Trung tâm giám sát an toàn thông tin mạng (SOC) của {dv}",
        "Nâng cấp năng lực giám sát, phát hiện, cảnh báo sớm của SOC; kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia; mở rộng giám sát tới toàn bộ hệ thống thông tin, máy trạm.",
        "SOC của {dv} giám sát 100% hệ thống thông tin, kết nối với hệ thống giám sát quốc gia",
        "Phát hiện, ngăn chặn kịp thời các cuộc tấn công mạng",
        "{cds}", "{tt}; {ca}", "03/2026-12/2027", "{pd}", "ns ppp", 7500.0, "soc attt"),
    (6, "Kiểm tra, đánh giá an toàn thông tin định kỳ và diễn tập thực chiến",
        "Kiểm tra, đánh giá an toàn thông tin định kỳ các hệ thống thông tin; tổ chức diễn tập thực chiến bảo đảm an toàn thông tin mạng tối thiểu 02 cuộc/năm; xây dựng kịch bản ứng cứu sự cố.",
        "Báo cáo kiểm tra, đánh giá hằng năm; tối thiểu 02 cuộc diễn tập thực chiến mỗi năm",
        "Nâng cao năng lực phòng thủ, ứng cứu sự cố của đội ngũ kỹ thuật",
        "{cds}", "{ca}; {tt}", "04/2026-11/2030", "{gd}", "ns", 2600.0, "dientap attt"),
    (6, "Triển khai giải pháp bảo vệ dữ liệu cá nhân, chống lộ lọt dữ liệu",
        "Đánh giá tác động xử lý dữ liệu cá nhân; triển khai giải pháp phân loại, mã hóa, ngăn ngừa thất thoát dữ liệu (DLP) cho các hệ thống có dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân.",
        "Hồ sơ đánh giá tác động xử lý dữ liệu cá nhân; giải pháp chống lộ lọt dữ liệu được triển khai",
        "Bảo vệ quyền riêng tư của người dân, tạo dựng niềm tin số",
        "{cds}", "{ca}; {cqdv}", "07/2026-12/2027", "{pd}", "ns", 3400.0, "attt"),
    (6, "Ứng dụng trí tuệ nhân tạo rà quét, phát hiện tin giả, lừa đảo trực tuyến",
        "Triển khai công cụ ứng dụng trí tuệ nhân tạo rà quét, phát hiện tin giả, thông tin xấu độc, lừa đảo trực tuyến và giả mạo bằng công nghệ deepfake liên quan đến {dv}; phối hợp xử lý, cảnh báo kịp thời.",
        "Công cụ rà quét được đưa vào vận hành; báo cáo, cảnh báo định kỳ hằng tháng",
        "Giảm thiểu tác hại của tin giả, lừa đảo trực tuyến đối với người dân",
        "{cds}", "{ca}; {vh}", "01/2027-12/2028", "{pd}", "ns", 2200.0, "attt"),
    (7, "Tái cấu trúc quy trình, cung cấp dịch vụ công trực tuyến toàn trình",
        "Rà soát, tái cấu trúc quy trình 100% thủ tục hành chính đủ điều kiện; cung cấp dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia; đo lường sự hài lòng của người dân sau mỗi giao dịch.",
        "100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình; báo cáo đánh giá mức độ hài lòng hằng quý",
        "Người dân, doanh nghiệp thực hiện thủ tục mọi lúc, mọi nơi, không phụ thuộc địa giới hành chính",
        "{vp}", "{hcc}; {cds}; {cqdv}", "01/2026-12/2027", "{pd}", "ns tx", 5200.0, "dvc hailong"),
    (7, "Tích hợp trợ lý ảo và tự động hóa xử lý hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính",
        "Tích hợp trợ lý ảo hướng dẫn thủ tục hành chính; tự động điền biểu mẫu từ Cơ sở dữ liệu quốc gia về dân cư; tự động kiểm tra tính hợp lệ của hồ sơ và soạn thảo dự thảo kết quả.",
        "Trợ lý ảo và các chức năng tự động hóa được áp dụng cho 100% dịch vụ công trực tuyến toàn trình thiết yếu",
        "Giảm thời gian chuẩn bị, xử lý hồ sơ; hạn chế sai sót, bảo đảm thông tin chỉ cung cấp một lần",
        "{cds}", "{vp}; {hcc}; {ca}", "04/2026-12/2027", "{pd}", "ns ppp", 8400.0, "ai-dvc motlan"),
    (7, "Cung cấp dịch vụ công chủ động, cá thể hóa theo sự kiện cuộc đời",
        "Xây dựng các nhóm dịch vụ công liên thông theo sự kiện cuộc đời (khai sinh, nhập học, khởi sự kinh doanh…); ứng dụng trí tuệ nhân tạo để chủ động thông báo, gợi ý hành động cho người dân.",
        "Tối thiểu 50% dịch vụ công trực tuyến thiết yếu được cung cấp ở mức chủ động, cá thể hóa",
        "Chuyển từ “người dân đi tìm dịch vụ” sang “dịch vụ tìm đến người dân”",
        "{vp}", "{cds}; {ca}; {cqdv}", "01/2028-12/2030", "{pd}", "ns ppp", 9800.0, "ai-canhan"),
    (7, "Nâng cấp Trung tâm giám sát, điều hành thông minh (IOC) theo hướng phân tích, dự báo",
        "Nâng cấp IOC tích hợp dữ liệu từ Kho dữ liệu dùng chung, cảm biến IoT, camera; ứng dụng trí tuệ nhân tạo phân tích, dự báo, cảnh báo sớm các chỉ tiêu kinh tế - xã hội, {iocx}.",
        "IOC được nâng cấp với tối thiểu 20 chỉ tiêu cảnh báo sớm; báo cáo phân tích, dự báo định kỳ phục vụ lãnh đạo",
        "Chỉ đạo, điều hành kịp thời, dựa trên dữ liệu thời gian thực",
        "{cds}", "{vp}; {tt}; {cqdv}", "01/2027-12/2029", "{pd}", "dt ppp", 22000.0, "ioc"),
    (7, "Triển khai trợ lý ảo hỗ trợ {cb} thực thi công vụ",
        "Triển khai trợ lý ảo tích hợp Nền tảng Trợ lý ảo quốc gia, hỗ trợ tra cứu văn bản pháp luật, tóm tắt, soạn thảo văn bản, tìm kiếm thông tin, hỗ trợ ra quyết định; tích hợp vào Hệ thống quản lý văn bản và điều hành.",
        "Trợ lý ảo được cung cấp cho 100% {cb}; mỗi cơ quan, đơn vị sử dụng ít nhất 01 ứng dụng trí tuệ nhân tạo",
        "Nâng cao năng suất, chất lượng tham mưu, giảm thời gian xử lý công việc",
        "{cds}", "{vp}; {nv}", "07/2026-12/2028", "{pd}", "ns ppp", 6500.0, "trolyao ai-dieuhanh"),
    (7, "Xây dựng hệ thống tiếp nhận, xử lý phản ánh, kiến nghị của người dân có trợ lý ảo hỗ trợ",
        "Hợp nhất các kênh tiếp nhận phản ánh, kiến nghị (Cổng Dịch vụ công quốc gia, mạng xã hội, ứng dụng phản ánh hiện trường); ứng dụng trợ lý ảo phân loại, chuyển xử lý và trả lời tự động.",
        "Hệ thống được vận hành; tối thiểu 90% phản hồi, góp ý được trợ lý ảo hỗ trợ xử lý",
        "Tiếp nhận, xử lý phản ánh nhanh chóng, minh bạch; tăng tương tác giữa cơ quan nhà nước và người dân",
        "{vp}", "{cds}; {cqdv}", "01/2027-12/2028", "{pd}", "ns", 3800.0, "phananh"),
    (7, "Thực hiện quản trị nội bộ, thủ tục hành chính nội bộ và họp không giấy trên môi trường số",
        "Số hóa quy trình thủ tục hành chính nội bộ; triển khai hệ thống họp không giấy, ký số văn bản; theo dõi nhiệm vụ được giao trên Hệ thống theo dõi nhiệm vụ của {dv}.",
        "100% thủ tục hành chính nội bộ, hồ sơ công việc (trừ hồ sơ mật) được xử lý trên môi trường điện tử; 100% cuộc họp của {lanhdao} không giấy",
        "Tiết kiệm thời gian, chi phí; minh bạch hóa hoạt động quản trị nội bộ",
        "{vp}", "{cds}; {cqdv}", "01/2026-12/2027", "{pd}", "ns tx", 2900.0, "ttnb dieuhanh hopkhonggiay giamsat-nv vbdt"),
    (7, "Triển khai các nền tảng số dùng chung theo danh mục của Bộ Khoa học và Công nghệ",
        "Triển khai, khai thác các nền tảng số quốc gia, nền tảng số dùng chung theo danh mục và kế hoạch của Bộ Khoa học và Công nghệ; không đầu tư mới các hệ thống trùng lặp chức năng.",
        "100% nền tảng số thuộc danh mục được đưa vào sử dụng đúng kế hoạch",
        "Tiết kiệm ngân sách, bảo đảm liên thông, đồng bộ từ trung ương đến cơ sở",
        "{cds}", "{cqdv}", "01/2026-12/2027", "{gd}", "tx", 1600.0, "nentang"),
    (7, "Triển khai dự án ứng dụng công nghệ thông tin theo hình thức hợp tác công tư (PPP)",
        "Lựa chọn tối thiểu 01 dự án phục vụ {cq} (trung tâm dữ liệu, IOC hoặc nền tảng trợ lý ảo) để triển khai theo hình thức hợp tác công tư; lập báo cáo nghiên cứu tiền khả thi, lựa chọn nhà đầu tư.",
        "Tối thiểu 01 dự án PPP được phê duyệt chủ trương đầu tư và ký kết hợp đồng",
        "Huy động nguồn lực xã hội, giảm áp lực ngân sách nhà nước",
        "{tc}", "{cds}; {pc}", "01/2027-12/2029", "{pd}", "ppp", 1500.0, "ppp"),
    (8, "Phổ cập chữ ký số, chữ ký điện tử cá nhân",
        "Phối hợp các tổ chức cung cấp dịch vụ chứng thực chữ ký số phổ cập chữ ký số cá nhân; tích hợp ký số trên Cổng Dịch vụ công và ứng dụng VNeID; hướng dẫn {doituong} sử dụng chữ ký số.",
        "Tỷ lệ sở hữu chữ ký số cá nhân đạt chỉ tiêu đề ra; 100% dịch vụ công trực tuyến hỗ trợ ký số",
        "Tạo nền tảng cho giao dịch điện tử an toàn, đầy đủ giá trị pháp lý",
        "{cds}", "{ca}; {cqdv}", "01/2026-12/2030", "{pd}", "tx xh", 1200.0, "chukyso"),
    (9, "Tuyên truyền Luật Chuyển đổi số và Kế hoạch chuyển đổi số của {dv}",
        "Duy trì chuyên mục chuyển đổi số trên Cổng thông tin điện tử, báo chí, mạng xã hội; sản xuất video, infographic phổ biến Luật Chuyển đổi số, các dịch vụ số thiết yếu; tổ chức tọa đàm định kỳ.",
        "Chuyên mục chuyển đổi số hoạt động thường xuyên; tối thiểu 200 tin, bài, sản phẩm truyền thông mỗi năm",
        "Nâng cao nhận thức, tạo đồng thuận xã hội về chuyển đổi số",
        "{vh}", "{cds}; {cqdv}", "01/2026-12/2030", "{pd}", "tx", 2500.0, "truyenthong luot-truycap"),
    (9, "Triển khai phong trào “Bình dân học vụ số”",
        "Phát động, triển khai phong trào “Bình dân học vụ số”; khuyến khích {doituong} học tập trên nền tảng học trực tuyến mở đại trà; tổ chức đánh giá, xác nhận mức độ phổ cập kỹ năng số.",
        "Kế hoạch triển khai phong trào được ban hành; số lượt người học trên nền tảng tăng theo chỉ tiêu",
        "Phổ cập kỹ năng số, thu hẹp khoảng cách số",
        "{cds}", "{nv}; {vh}; {cqdv}", "02/2026-12/2030", "{pd}", "tx xh", 1800.0, "ict binhdan"),
    (9, "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10/10",
        "Tổ chức hội thảo, triển lãm giải pháp số, ngày hội “Toàn dân học tập số” và tôn vinh tổ chức, cá nhân tiêu biểu trong chuyển đổi số nhân Ngày Chuyển đổi số quốc gia hằng năm.",
        "Chuỗi sự kiện hưởng ứng được tổ chức hằng năm; danh sách điển hình tiêu biểu được khen thưởng",
        "Lan tỏa mô hình hay, cách làm hiệu quả trong chuyển đổi số",
        "{cds}", "{vh}; {cqdv}", "08/2026-10/2030", "{gd}", "tx xh", 1500.0, "truyenthong"),
    (9, "Nâng cao kỹ năng an toàn trên môi trường số, phòng, chống lừa đảo trực tuyến",
        "Tuyên truyền, tập huấn kỹ năng nhận diện, phòng tránh lừa đảo trực tuyến, bảo vệ dữ liệu cá nhân; cảnh báo kịp thời các phương thức lừa đảo mới qua ứng dụng, mạng xã hội.",
        "Tài liệu, video hướng dẫn kỹ năng an toàn số được phát hành; tối thiểu 04 đợt cảnh báo mỗi năm",
        "Giảm thiểu thiệt hại do lừa đảo trực tuyến, nâng cao năng lực tự bảo vệ của người dân",
        "{cds}", "{ca}; {vh}", "03/2026-12/2030", "{gd}", "tx", 900.0, "ict"),
];

/// All tasks of the plan, in area order, with ids "nv-001", "nv-002", ….
pub(super) fn build(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<TaskDraft> {
    let base: Vec<TaskDraft> = SHARED
        .iter()
        .chain(profile.tasks)
        .enumerate()
        .map(|(i, row)| draft(i, row, ctx))
        .collect();
    let mut all = scale::task_copies(&base, profile, ctx, scale);
    all.splice(0..0, base);
    all.sort_by_key(|d| d.task.area);
    for (i, d) in all.iter_mut().enumerate() {
        d.task.id = format!("nv-{:03}", i + 1);
    }
    all
}

fn draft(index: usize, row: &TaskRow, ctx: &Ctx) -> TaskDraft {
    let &(
        area,
        name,
        content,
        result,
        effect,
        lead,
        coord,
        schedule,
        approver,
        funding,
        budget,
        topics,
    ) = row;
    let lead = ctx.fill(lead);
    let (start, end, years) = schedule_for(schedule, ctx);
    let budget = if ctx.is_annual() {
        round_budget(budget / f64::from(years))
    } else {
        budget
    };
    TaskDraft {
        task: Task {
            id: String::new(),
            area,
            name: ctx.fill(name),
            content: ctx.fill(content),
            expected_result: ctx.fill(result),
            expected_effect: ctx.fill(effect),
            coordinating_units: units(&ctx.fill(coord), &lead),
            lead_unit: lead,
            start: Some(start),
            end: Some(end),
            approving_authority: ctx.fill(approver),
            funding: funding_sources(funding, ctx.level),
            budget_million_vnd: Some(budget),
            indicators: Vec::new(),
        },
        topics: topics.split_whitespace().collect(),
        sector: None,
        row: index,
    }
}

/// "a; b; c" as a list, without the lead unit and without repeats.
pub(super) fn units(list: &str, lead: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for unit in list.split(';').map(str::trim) {
        if !unit.is_empty() && unit != lead && !out.iter().any(|u| u == unit) {
            out.push(unit.to_owned());
        }
    }
    out
}

/// The five-year schedule "MM/YYYY-MM/YYYY", moved into the plan's year for an annual
/// plan (a task that runs past the year ends in December). Also returns how many years
/// the five-year schedule spans, to share the budget out.
fn schedule_for(schedule: &str, ctx: &Ctx) -> (MonthYear, MonthYear, u32) {
    let parse = |s: &str| -> Option<(i32, u8)> {
        let (m, y) = s.trim().split_once('/')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let (first, last) = ctx.kind.years();
    let ((sy, sm), (ey, em)) = schedule
        .split_once('-')
        .and_then(|(a, b)| Some((parse(a)?, parse(b)?)))
        .filter(|(s, e)| s <= e)
        .unwrap_or(((first, 1), (last, 12)));
    let month = |y: i32, m: u8| MonthYear::new(y, m).unwrap_or(MonthYear { year: y, month: 1 });
    let years = u32::try_from(ey - sy + 1).unwrap_or(1).max(1);
    if ctx.is_annual() {
        let end_month = if sy == ey { em } else { 12 };
        (month(first, sm), month(first, end_month), years)
    } else {
        let clamp = |y: i32| y.clamp(first, last);
        (month(clamp(sy), sm), month(clamp(ey), em), years)
    }
}

/// Triệu đồng rounded to tens, at least 10.
pub(super) fn round_budget(value: f64) -> f64 {
    ((value / 10.0).round() * 10.0).max(10.0)
}

/// Funding codes of the tables: ns = the level's own budget (local for a province,
/// central for a ministry), tw = central, tx = recurrent, dt = public investment,
/// ppp, xh = socialised, kh = science fund, oda.
fn funding_sources(codes: &str, level: Level) -> Vec<FundingSource> {
    let mut out = Vec::new();
    for code in codes.split_whitespace() {
        let source = match code {
            "ns" if level == Level::Tinh => FundingSource::LocalBudget,
            "ns" | "tw" => FundingSource::CentralBudget,
            "tx" => FundingSource::RecurrentBudget,
            "dt" => FundingSource::PublicInvestment,
            "ppp" => FundingSource::PublicPrivatePartnership,
            "xh" => FundingSource::Socialised,
            "kh" => FundingSource::ScienceFund,
            "oda" => FundingSource::ForeignAid,
            _ => continue,
        };
        if !out.contains(&source) {
            out.push(source);
        }
    }
    out
}
