//! Short names between a bundle's wasm and its JS glue.
//!
//! wasm-bindgen names every import of the glue after its function and a
//! 64-bit hash (`__wbg_navigator_c17f443a6fe5d38d`), and so each closure
//! shim it exports (`wasm_bindgen__convert__closures_____invoke__h…`).
//! The names only join the two files, yet each is spelled out in both, and
//! their hashes are as good as random to brotli: about 5 KB of the
//! checker's first load. After the build, each becomes `i` or `x` and a
//! number in both files, and the page's `integrity` hashes are renewed.
//! The file names keep Trunk's hash of the file before: the renaming is
//! a function of that content, so a name still stands for one content.

use base64::Engine;
use sha2::{Digest, Sha384};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, String>;
/// Names changed, each (old, new).
type Renamed = Vec<(String, String)>;

/// The import names to shorten: wasm-bindgen's hashed imports.
const IMPORTS: &str = "__wbg_";
/// The export names to shorten: wasm-bindgen's closure shims.
const EXPORTS: &str = "wasm_bindgen__convert__closures_";

/// Shortens the names between `<stem>-<hash>.js` and its
/// `<stem>-<hash>_bg.wasm` in `dir` (a Trunk bundle), and renews their
/// `integrity` in `dir`'s index.html. Nothing is written unless all three
/// new files could be made.
pub fn shorten_bundle(dir: &Path, stem: &str) -> Result {
    let (js_path, wasm_path) = bundle_files(dir, stem)?;
    let html_path = dir.join("index.html");
    let bytes = std::fs::read(&wasm_path).map_err(|e| format!("cannot read {}: {e}", wasm_path.display()))?;
    let module = format!("./{stem}_bg.js");
    let (wasm, renamed) = rename_in_wasm(&bytes, &module).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let mut js = read_text(&js_path)?;
    for (old, new) in &renamed {
        js = replace_word(&js, old, new).ok_or_else(|| format!("{}: {old} is not in the glue", js_path.display()))?;
    }
    let mut html = read_text(&html_path)?;
    for (path, content) in [(&js_path, js.as_bytes()), (&wasm_path, &wasm[..])] {
        html = renew_integrity(&html, path, content)?;
    }
    write(&wasm_path, &wasm)?;
    write(&js_path, js.as_bytes())?;
    write(&html_path, html.as_bytes())
}

/// The bundle's JS glue and wasm in `dir`.
fn bundle_files(dir: &Path, stem: &str) -> Result<(PathBuf, PathBuf)> {
    let (mut js, mut wasm) = (None, None);
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&format!("{stem}-")) {
            if rest.ends_with("_bg.wasm") {
                wasm = Some(entry.path());
            } else if rest.ends_with(".js") {
                js = Some(entry.path());
            }
        }
    }
    match (js, wasm) {
        (Some(js), Some(wasm)) => Ok((js, wasm)),
        _ => Err(format!("no {stem}-*.js and {stem}-*_bg.wasm in {}", dir.display())),
    }
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `html` with the `integrity` of the elements that load `file` (by
/// their `href`) renewed for `content`, its new content.
fn renew_integrity(html: &str, file: &Path, content: &[u8]) -> Result<String> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let digest = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(content));
    let mut html = html.to_owned();
    let mut renewed = false;
    let mut from = 0;
    while let Some(found) = html[from..].find(&format!("/{name}")) {
        let href = from + found;
        let Some(tag_end) = html[href..].find('>').map(|end| href + end) else { break };
        from = tag_end;
        let tag_start = html[..href].rfind('<').unwrap_or(0);
        let Some(value) = html[tag_start..tag_end].find("integrity=") else { continue };
        let Some(hash) = html[tag_start + value..tag_end].find("sha384-") else { continue };
        let at = tag_start + value + hash + "sha384-".len();
        let len = html[at..].find(|c: char| !(c.is_ascii_alphanumeric() || "+/=".contains(c))).unwrap_or(0);
        html.replace_range(at..at + len, &digest);
        from = at + digest.len();
        renewed = true;
    }
    renewed.then_some(html).ok_or_else(|| format!("index.html has no integrity for {name}"))
}

/// `text` with every whole-word `old` (not inside a longer identifier)
/// replaced by `new`; `None` if there is none.
fn replace_word(text: &str, old: &str, new: &str) -> Option<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(old) {
        let before = rest[..at].chars().next_back().or_else(|| out.chars().next_back());
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(ident) || after.is_some_and(ident) {
            out.push_str(old);
        } else {
            out.push_str(new);
            found = true;
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    found.then_some(out)
}

/// The module with its glue imports and closure exports renamed, and the
/// (old, new) names. Each kind is numbered in the sorted order of its old
/// names, not in the module's order: the JS glue lists them sorted, so
/// each file's new content depends on its old content alone, and a file
/// name that Trunk hashed from the old content still stands for one
/// content (review, 2026-11-27: numbered in the module's order, a build
/// that only reordered the imports kept the JS file's name with new
/// content, which a cache holding it for good would pair wrongly).
fn rename_in_wasm(bytes: &[u8], module: &str) -> Result<(Vec<u8>, Renamed)> {
    let mut found = Vec::new();
    rewrite(bytes, module, &HashMap::new(), &mut found)?;
    found.sort();
    let mut renamed: Renamed = Vec::with_capacity(found.len());
    for (kind, old) in found {
        let next = renamed.iter().filter(|(_, new)| new.starts_with(kind)).count();
        renamed.push((old, format!("{kind}{next:x}")));
    }
    let names: HashMap<String, String> = renamed.iter().cloned().collect();
    let out = rewrite(bytes, module, &names, &mut Vec::new())?;
    Ok((out, renamed))
}

/// The module with each name in `names` renamed; the names it could
/// shorten go into `found`, with their kind (`i` imports, `x` exports).
fn rewrite(
    bytes: &[u8],
    module: &str,
    names: &HashMap<String, String>,
    found: &mut Vec<(char, String)>,
) -> Result<Vec<u8>> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err("not a wasm module".to_owned());
    }
    let mut out = bytes[..8].to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let mut reader = Reader { bytes, at: at + 1 };
        let size = reader.leb()? as usize;
        let start = reader.at;
        let body = bytes.get(start..start + size).ok_or("a section runs past the end")?;
        let body = match id {
            2 => rename_imports(body, module, names, found)?,
            7 => rename_exports(body, names, found)?,
            _ => body.to_vec(),
        };
        out.push(id);
        push_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
        at = start + size;
    }
    Ok(out)
}

/// `name`, or its new name.
fn new_name<'a>(names: &'a HashMap<String, String>, name: &'a str) -> &'a str {
    names.get(name).map_or(name, String::as_str)
}

/// A section that is a vector of entries (imports, exports), rewritten
/// entry by entry: `entry` reads one from the reader and writes it out.
fn rewrite_entries<'a>(
    body: &'a [u8],
    mut entry: impl FnMut(&mut Reader<'a>, &mut Vec<u8>) -> Result,
) -> Result<Vec<u8>> {
    let mut reader = Reader { bytes: body, at: 0 };
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(body.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        entry(&mut reader, &mut out)?;
    }
    Ok(out)
}

fn rename_imports(
    body: &[u8],
    module: &str,
    names: &HashMap<String, String>,
    found: &mut Vec<(char, String)>,
) -> Result<Vec<u8>> {
    rewrite_entries(body, |reader, out| {
        let from = reader.name()?;
        let name = reader.name()?;
        let desc_start = reader.at;
        reader.import_desc()?;
        if from == module && name.starts_with(IMPORTS) {
            found.push(('i', name.to_owned()));
        }
        push_name(out, from);
        push_name(out, if from == module { new_name(names, name) } else { name });
        out.extend_from_slice(&body[desc_start..reader.at]);
        Ok(())
    })
}

fn rename_exports(body: &[u8], names: &HashMap<String, String>, found: &mut Vec<(char, String)>) -> Result<Vec<u8>> {
    rewrite_entries(body, |reader, out| {
        let name = reader.name()?;
        let kind = reader.byte()?;
        let index = reader.leb()?;
        if name.starts_with(EXPORTS) {
            found.push(('x', name.to_owned()));
        }
        push_name(out, new_name(names, name));
        out.push(kind);
        push_leb(out, index);
        Ok(())
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or("the module ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number runs too long".to_owned())
    }

    fn name(&mut self) -> Result<&'a str> {
        let len = self.leb()? as usize;
        let bytes = self.bytes.get(self.at..self.at + len).ok_or("a name runs past the end")?;
        self.at += len;
        std::str::from_utf8(bytes).map_err(|_| "a name is not UTF-8".to_owned())
    }

    /// Skips a table's or memory's limits: a minimum and perhaps a
    /// maximum (shared and 64-bit memories read the same). A limit with
    /// more (a custom page size) fails rather than misread what follows.
    fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        if flags & !0x07 != 0 {
            return Err(format!("limits of an unknown kind {flags:#x}"));
        }
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// Skips a table's element type: `funcref` or `externref`; the GC
    /// proposal's typed references fail rather than be misread.
    fn reference_type(&mut self) -> Result {
        match self.byte()? {
            0x70 | 0x6f => Ok(()),
            other => Err(format!("a table of an unknown reference type {other:#x}")),
        }
    }

    /// Skips an import's description: a function's type, a table, a
    /// memory, a global or a tag.
    fn import_desc(&mut self) -> Result {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.reference_type()?;
                self.limits()
            }
            2 => self.limits(),
            3 => {
                // A global: its value type (a GC reference type would take
                // more bytes: refused, as by `reference_type`), then mutability.
                if matches!(self.byte()?, 0x63 | 0x64) {
                    return Err("a global import of a typed reference".to_owned());
                }
                self.byte().map(drop)
            }
            4 => self.byte().and_then(|_| self.leb()).map(drop),
            kind => Err(format!("an import of unknown kind {kind}")),
        }
    }
}

fn push_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `glue` from the glue (in that order), a
    /// wasm-bindgen intrinsic and a snippet's function, and exporting its
    /// memory and a closure shim.
    fn module_importing(glue: &[&str]) -> Vec<u8> {
        let mut imports = Vec::new();
        push_leb(&mut imports, glue.len() as u64 + 2);
        for name in glue.iter().chain(&["__wbindgen_init_externref_table"]) {
            push_name(&mut imports, "./app_bg.js");
            push_name(&mut imports, name);
            imports.extend_from_slice(&[0, 1]);
        }
        push_name(&mut imports, "./snippets/x.js");
        push_name(&mut imports, "__wbg_load_0123456789abcdef");
        imports.extend_from_slice(&[0, 2]);
        let mut exports = Vec::new();
        push_leb(&mut exports, 2);
        push_name(&mut exports, "memory");
        exports.extend_from_slice(&[2, 0]);
        push_name(&mut exports, "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef");
        exports.extend_from_slice(&[0, 0x85, 0x01]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in [(2u8, imports), (7, exports)] {
            wasm.push(id);
            push_leb(&mut wasm, body.len() as u64);
            wasm.extend(body);
        }
        wasm
    }

    fn module() -> Vec<u8> {
        module_importing(&["__wbg_get_0123456789abcdef"])
    }

    /// The JS glue lists its imports sorted, so their new names must not
    /// depend on the module's order, or the JS would change under its old
    /// content's file name.
    #[test]
    fn the_new_names_follow_the_old_names_not_the_module_s_order() {
        let (a, b) = ("__wbg_alpha_0123456789abcdef", "__wbg_beta_0123456789abcdef");
        let names = |glue: &[&str]| {
            let (_, mut renamed) = rename_in_wasm(&module_importing(glue), "./app_bg.js").unwrap_or_default();
            renamed.sort();
            renamed
        };
        assert_eq!(names(&[a, b]), names(&[b, a]));
        assert!(names(&[b, a]).contains(&(a.to_owned(), "i0".to_owned())));
    }

    #[test]
    fn renames_the_glue_imports_and_closure_exports_only() {
        let (wasm, renamed) = rename_in_wasm(&module(), "./app_bg.js").unwrap_or_default();
        assert_eq!(
            renamed,
            [
                ("__wbg_get_0123456789abcdef".to_owned(), "i0".to_owned()),
                ("wasm_bindgen__convert__closures_____invoke__h0123456789abcdef".to_owned(), "x0".to_owned()),
            ]
        );
        let text = String::from_utf8_lossy(&wasm);
        for kept in ["__wbindgen_init_externref_table", "__wbg_load_0123456789abcdef", "memory"] {
            assert!(text.contains(kept), "{kept}");
        }
        assert!(!text.contains("__wbg_get_"));
        // Renamed again, it stays as it is: the names are read back right.
        let (again, _) = rename_in_wasm(&wasm, "./app_bg.js").unwrap_or_default();
        assert_eq!(again, wasm);
    }

    #[test]
    fn an_import_it_cannot_read_fails_the_build() {
        let with_import = |desc: &[u8]| {
            let mut imports = Vec::new();
            push_leb(&mut imports, 1);
            push_name(&mut imports, "env");
            push_name(&mut imports, "t");
            imports.extend_from_slice(desc);
            let mut wasm = b"\0asm\x01\0\0\0".to_vec();
            wasm.push(2);
            push_leb(&mut wasm, imports.len() as u64);
            wasm.extend(imports);
            rename_in_wasm(&wasm, "./app_bg.js").map(|_| ())
        };
        assert_eq!(with_import(&[1, 0x70, 0, 1]), Ok(()), "a funcref table");
        assert_eq!(with_import(&[2, 3, 1, 2]), Ok(()), "a shared memory");
        assert!(with_import(&[1, 0x64, 0x70, 0, 1]).is_err(), "a typed-reference table");
        assert!(with_import(&[2, 0x08, 1, 16]).is_err(), "a custom page size");
        assert!(with_import(&[3, 0x63, 0x70, 0]).is_err(), "a typed-reference global");
    }

    #[test]
    fn replaces_whole_words() {
        let js = "x.f_h1(a);x.f_h1_3(b);{f_h1:function(){}}";
        assert_eq!(replace_word(js, "f_h1", "x0").as_deref(), Some("x.x0(a);x.f_h1_3(b);{x0:function(){}}"));
        assert_eq!(replace_word(js, "f_h2", "x1"), None);
    }

    #[test]
    fn renews_the_integrity_of_the_file() {
        let file = Path::new("dist/app-1.js");
        let html = "<script data-js=./app-1.js src=./boot.js></script><link href=./app-1.js integrity=sha384-OLD+/= rel=modulepreload><link href=./b.css integrity=sha384-KEEP>";
        let renewed = renew_integrity(html, file, b"abc").unwrap_or_default();
        let abc = "ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn";
        assert_eq!(
            renewed,
            format!("<script data-js=./app-1.js src=./boot.js></script><link href=./app-1.js integrity=sha384-{abc} rel=modulepreload><link href=./b.css integrity=sha384-KEEP>")
        );
    }
}
