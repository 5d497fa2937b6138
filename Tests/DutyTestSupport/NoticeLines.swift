/// Hand-made `notice` lines (issue 13), like `Line`'s builders: fields in the
/// schema's order, each overridable by its raw JSON text, so a test names
/// only the field it is about.
public enum NoticeLine {
    public static func make(_ id: String, _ ts: String, type: String = #""supervision""#,
                            number: String = #""奉综指督〔2026〕7号""#, title: String = #""关于督促限期办结的督办单""#,
                            to: String = #"["锦屏街道综合行政执法中队"]"#, refs: String = #"["task:ZF-20261128-0007"]"#,
                            body: String = #""请立即组织处置，并于期限内反馈。""#,
                            due: String = #""2026-12-01T10:00:00+08:00""#, status: String = #""issued""#,
                            extra: String = "") -> String {
        #"{"kind":"notice","id":"\#(id)","ts":"\#(ts)","type":\#(type),"number":\#(number),"title":\#(title),"to":\#(to),"refs":\#(refs),"body":\#(body),"due":\#(due),"status":\#(status)\#(extra)}"#
    }
}
