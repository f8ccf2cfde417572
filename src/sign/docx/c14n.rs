//! Canonical XML 1.0 (W3C Recommendation 15 March 2001), inclusive, without comments: the
//! form in which XML-DSig digests and signs XML here (SignedInfo, the Objects, the output
//! of the relationship transform).
//!
//! Written here rather than taken from crates.io: the pure-Rust XML-security crate
//! (xml-sec, 0.1.x) is young and brings a second crypto stack (ring, x509-parser) beside
//! the RustCrypto one `sign` uses, and the other C14N crates bind libxml2. What XML-DSig
//! needs here is inclusive C14N 1.0 of a whole document or of one element's subtree (the
//! document subset a `#id` reference selects), which is short over roxmltree's tree:
//! roxmltree has already done what the spec asks of the parser (line ends normalised,
//! character and entity references expanded, CDATA as text, attribute values normalised),
//! and refuses DTDs, which OPC forbids in parts anyway (ECMA-376 Part 2, §8.1.4).

use roxmltree::{Document, Node, NodeType};

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The canonical form of a whole document: the root element, with the processing
/// instructions around it on their own lines; the XML declaration, comments and the
/// whitespace outside the root element dropped (C14N 1.0 §2.1, §2.3).
pub fn document(doc: &Document) -> String {
    let mut out = String::new();
    let mut after_root = false;
    for child in doc.root().children() {
        match child.node_type() {
            NodeType::Element => {
                write_subtree(child, &mut out);
                after_root = true;
            }
            NodeType::PI if after_root => {
                out.push('\n');
                write_pi(child, &mut out);
            }
            NodeType::PI => {
                write_pi(child, &mut out);
                out.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// The canonical form of `apex` and everything inside it, as the document subset of an
/// XML-DSig same-document reference: the namespaces in scope at `apex` and the `xml:*`
/// attributes it inherits are written on it, since its ancestors are not in the subset
/// (C14N 1.0 §2.4).
pub fn subtree(apex: Node) -> String {
    let mut out = String::new();
    write_subtree(apex, &mut out);
    out
}

/// Walks the subtree without recursion, so that deeply nested input cannot exhaust the
/// stack.
fn write_subtree(apex: Node, out: &mut String) {
    let mut node = apex;
    open(node, apex, out);
    loop {
        if let Some(child) = node.first_child() {
            node = child;
            open(node, apex, out);
            continue;
        }
        loop {
            close(node, out);
            if node == apex {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                open(node, apex, out);
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

fn open(node: Node, apex: Node, out: &mut String) {
    match node.node_type() {
        NodeType::Element => write_start_tag(node, apex, out),
        NodeType::Text => escape_text(node.text().unwrap_or_default(), out),
        NodeType::PI => write_pi(node, out),
        NodeType::Comment | NodeType::Root => {}
    }
}

fn close(node: Node, out: &mut String) {
    if node.is_element() {
        out.push_str("</");
        out.push_str(element_qname(node));
        out.push('>');
    }
}

fn write_pi(node: Node, out: &mut String) {
    if let Some(pi) = node.pi() {
        out.push_str("<?");
        out.push_str(pi.target);
        if let Some(value) = pi.value.filter(|v| !v.is_empty()) {
            out.push(' ');
            out.push_str(value);
        }
        out.push_str("?>");
    }
}

/// Empty elements are written as start-end pairs (§2.3), so every element gets one.
fn write_start_tag(element: Node, apex: Node, out: &mut String) {
    out.push('<');
    out.push_str(element_qname(element));
    let mut namespaces = namespaces_to_write(element, apex);
    namespaces.sort_by_key(|(prefix, _)| *prefix);
    for (prefix, uri) in namespaces {
        out.push_str(" xmlns");
        if !prefix.is_empty() {
            out.push(':');
            out.push_str(prefix);
        }
        out.push_str("=\"");
        escape_attribute(uri, out);
        out.push('"');
    }
    let mut attributes = attributes_to_write(element, apex);
    attributes.sort_by_key(|a| (a.namespace, a.local_name));
    for attribute in attributes {
        out.push(' ');
        out.push_str(attribute.qname);
        out.push_str("=\"");
        escape_attribute(attribute.value, out);
        out.push('"');
    }
    out.push('>');
}

/// The namespace declarations in scope at `element`, as (prefix, URI), the default
/// namespace with the prefix "" (and an empty URI when undeclared); `xml` is implicit.
fn in_scope<'a>(element: Node<'a, '_>) -> Vec<(&'a str, &'a str)> {
    let mut scope: Vec<(&str, &str)> = element
        .namespaces()
        .map(|ns| (ns.name().unwrap_or(""), ns.uri()))
        .filter(|(prefix, _)| *prefix != "xml")
        .collect();
    if !scope.iter().any(|(prefix, _)| prefix.is_empty()) {
        scope.push(("", ""));
    }
    scope
}

/// The namespace nodes C14N writes on `element`: at the apex all those in scope, below it
/// only those its parent does not already have, so superfluous declarations go (§2.3);
/// `xmlns=""` only when it undoes a default namespace the parent has.
fn namespaces_to_write<'a>(element: Node<'a, '_>, apex: Node) -> Vec<(&'a str, &'a str)> {
    let scope = in_scope(element);
    let parent_scope = match element.parent_element() {
        Some(parent) if element != apex => in_scope(parent),
        _ => vec![("", "")],
    };
    scope
        .into_iter()
        .filter(|ns| !parent_scope.contains(ns))
        .collect()
}

struct Attribute<'a> {
    namespace: &'a str,
    local_name: &'a str,
    qname: &'a str,
    value: &'a str,
}

/// The element's attributes; at the apex also the `xml:*` attributes of its ancestors
/// that it does not override, nearest first (§2.4).
fn attributes_to_write<'a>(element: Node<'a, 'a>, apex: Node) -> Vec<Attribute<'a>> {
    let text = element.document().input_text();
    let own = |node: Node<'a, 'a>| {
        node.attributes().map(move |a| Attribute {
            namespace: a.namespace().unwrap_or(""),
            local_name: a.name(),
            qname: text.get(a.range_qname()).unwrap_or(a.name()),
            value: a.value(),
        })
    };
    let mut attributes: Vec<Attribute> = own(element).collect();
    if element == apex {
        for ancestor in element.ancestors().skip(1).filter(Node::is_element) {
            for inherited in own(ancestor).filter(|a| a.namespace == XML_NAMESPACE) {
                if !attributes
                    .iter()
                    .any(|a| a.namespace == XML_NAMESPACE && a.local_name == inherited.local_name)
                {
                    attributes.push(inherited);
                }
            }
        }
    }
    attributes
}

/// The element's name as written (prefix included): roxmltree keeps only the namespace
/// URI, so the name is read back from the source text.
pub fn element_qname<'a>(element: Node<'a, 'a>) -> &'a str {
    let text = element.document().input_text();
    let start = element.range().start + 1;
    let rest = text.get(start..).unwrap_or_default();
    let end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Text nodes: `&`, `<`, `>` and carriage returns escaped (§2.3).
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// Attribute values: `&`, `<`, `"` and the whitespace characters escaped (§2.3).
pub fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(xml: &str) -> String {
        document(&Document::parse(xml).unwrap())
    }

    #[test]
    fn spec_3_1_declaration_comments_and_pis_outside_the_root() {
        let input = "<?xml version=\"1.0\"?>\n\n<?xml-stylesheet   href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n\n<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->";
        assert_eq!(
            canonical(input),
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>"
        );
    }

    #[test]
    fn spec_3_2_whitespace_in_content_is_kept() {
        let input = "<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>";
        assert_eq!(canonical(input), input);
    }

    #[test]
    fn spec_3_3_tags_attribute_order_and_superfluous_namespaces() {
        // The spec's example without its DTD (which only adds a default attribute).
        let input = r#"<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e4   name="elem4"   id="elem4"   ></e4>
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>"#;
        let expected = r#"<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6 xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9 xmlns:a="http://www.ietf.org"></e9>
         </e8>
      </e7>
   </e6>
</doc>"#;
        assert_eq!(canonical(input), expected);
    }

    #[test]
    fn spec_3_4_character_escapes_and_references() {
        let input = "<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n   <compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute>\n   <compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute>\n   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n</doc>";
        let expected = "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n   <compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n   <compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n   <norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n</doc>";
        assert_eq!(canonical(input), expected);
    }

    #[test]
    fn subtree_carries_inherited_namespaces_and_xml_attributes() {
        let input = r#"<?xml version="1.0" encoding="UTF-8"?><doc xmlns="http://www.ietf.org" xmlns:w3c="http://www.w3.org" xml:lang="vi"><e1 Id="one"><e2 xmlns=""><e3 id="E3" xml:space="preserve"/><!-- c --></e2></e1></doc>"#;
        let doc = Document::parse(input).unwrap();
        let find = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .unwrap()
        };
        assert_eq!(
            subtree(find("e1")),
            r#"<e1 xmlns="http://www.ietf.org" xmlns:w3c="http://www.w3.org" Id="one" xml:lang="vi"><e2 xmlns=""><e3 id="E3" xml:space="preserve"></e3></e2></e1>"#
        );
        assert_eq!(
            subtree(find("e3")),
            r#"<e3 xmlns:w3c="http://www.w3.org" id="E3" xml:lang="vi" xml:space="preserve"></e3>"#
        );
    }

    #[test]
    fn prefixed_elements_keep_their_prefix() {
        let input = r#"<a:r xmlns:a="urn:a" xmlns:b="urn:b"><b:c a:x="1" b:y="2" z="&lt;"/></a:r>"#;
        assert_eq!(
            canonical(input),
            r#"<a:r xmlns:a="urn:a" xmlns:b="urn:b"><b:c z="&lt;" a:x="1" b:y="2"></b:c></a:r>"#
        );
    }

    #[test]
    fn nesting_as_deep_as_parsing_allows_is_canonicalised() {
        let depth = 500;
        let input = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let doc = super::super::xml::parse(&input).unwrap();
        assert_eq!(document(&doc), input);
    }
}
