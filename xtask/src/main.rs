//! `cargo xtask build [--release]`: builds the whole site, the way `cargo leptos build`
//! would, from crates in this workspace alone.
//!
//! cargo-leptos takes 12–25 minutes to install on a 2-core machine (swc, OpenSSL,
//! libgit2 …), and the wasm-bindgen CLI must match the `wasm-bindgen` crate byte for
//! byte. This program links the CLI's own library at the pinned version instead, so a
//! fresh machine compiles it in about a minute and a mismatch cannot happen. The steps
//! are cargo-leptos's (its `compile/{front,server,style}.rs`, 0.3.10):
//!
//! 1. the hydrate bundle: `app` for `wasm32-unknown-unknown` with `--features hydrate`;
//! 2. wasm-bindgen (`--target web`) into a staging folder;
//! 3. release only: `wasm-opt -Oz` (binaryen from npm; Debian's 108 breaks hydration),
//!    skipped when wasm-bindgen's output is the one it last shrank (a server-only change);
//! 4. the assets: JS glue, wasm and stylesheet under content-hashed names in
//!    `<target>/site/<profile>/pkg`, with `.gz` and `.br` copies in release, and the
//!    hashes in the site's `hash.txt`, which the server reads once at start-up (the JS
//!    glue and the wasm share one hash, so `shushang.<hash>` is simply the output name);
//! 5. the server binary.
//!
//! Release and debug builds use separate site folders, so the test command never
//! replaces the bundle a running demo serves.

use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use sha2::{Digest, Sha256};

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// The bundle's name; `LEPTOS_OUTPUT_NAME` in `.cargo/config.toml` must say the same.
const OUTPUT_NAME: &str = "shushang";
const STYLE_FILE: &str = "style/main.css";
const SERVER_BIN: &str = "shushang";

const USAGE: &str = "usage: cargo xtask build [--release] | cargo xtask bundle

build: the hydrate bundle, the assets and the server. Output:
  <target>/site/<debug|release>    the site root (LEPTOS_SITE_ROOT)
  <target>/<debug|release>/shushang the server
bundle: the release bundle and assets only, and their sizes (for the size budget)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["build"] => build(Profile::Debug),
        ["build", "--release"] => build(Profile::Release),
        ["bundle"] => bundle(Profile::Release).and_then(|site| report_sizes(&site.join("pkg"))),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Profile {
    Debug,
    Release,
}

impl Profile {
    /// The cargo profile of the wasm build (see `[profile.wasm-release]`).
    fn wasm_profile(self) -> &'static str {
        match self {
            Profile::Debug => "dev",
            Profile::Release => "wasm-release",
        }
    }

    /// The folder cargo writes a profile's output to.
    fn wasm_dir(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "wasm-release",
        }
    }

    fn dir(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

/// Where everything is: the workspace, cargo's target folder and the site folder.
struct Paths {
    root: PathBuf,
    target: PathBuf,
}

impl Paths {
    fn discover() -> Result<Self> {
        // Read when run, not when compiled: `cargo run` names this checkout's xtask, while
        // a binary cached in a shared target folder may have been built in another clone.
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .ok_or("run xtask through cargo: cargo xtask …")?;
        let root = manifest_dir
            .parent()
            .ok_or("xtask is not inside the workspace")?
            .to_path_buf();
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => root.join(dir),
            None => root.join("target"),
        };
        Ok(Self { root, target })
    }

    fn site(&self, profile: Profile) -> PathBuf {
        self.target.join("site").join(profile.dir())
    }
}

fn build(profile: Profile) -> Result {
    let paths = Paths::discover()?;
    let started = Instant::now();
    let site = bundle(profile)?;
    let bin_dir = paths.target.join(profile.dir());

    step("server", || {
        let mut args = vec!["build", "-p", "server", "--bin", SERVER_BIN];
        if profile == Profile::Release {
            args.push("--release");
        }
        cargo(&paths, &args)
    })?;

    println!(
        "\nbuilt in {:.0?}\n  site root  {}\n  server     {}",
        started.elapsed(),
        site.display(),
        bin_dir.join(SERVER_BIN).display()
    );
    report_sizes(&site.join("pkg"))
}

/// The browser's part of the site: the hydrate bundle through wasm-bindgen (and
/// wasm-opt in release) and the stylesheet, under content-hashed names; the site root.
fn bundle(profile: Profile) -> Result<PathBuf> {
    let paths = Paths::discover()?;

    step("hydrate bundle (wasm32)", || {
        cargo(
            &paths,
            &[
                "build",
                "-p",
                "app",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--no-default-features",
                "--features",
                "hydrate",
                "--profile",
                profile.wasm_profile(),
            ],
        )
    })?;

    let staging = paths.target.join("xtask").join(profile.dir());
    step("wasm-bindgen", || {
        let wasm = paths
            .target
            .join("wasm32-unknown-unknown")
            .join(profile.wasm_dir())
            .join("app.wasm");
        recreate_dir(&staging)?;
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .out_name(OUTPUT_NAME)
            .web(true)?
            .generate(&staging)
            .map_err(|e| format!("wasm-bindgen failed on {}: {e}", wasm.display()).into())
    })?;
    let wasm = staging.join(format!("{OUTPUT_NAME}_bg.wasm"));
    let js = staging.join(format!("{OUTPUT_NAME}.js"));

    if profile == Profile::Release {
        let kept = paths.target.join("xtask").join("wasm-opt");
        step("wasm-opt -Oz", || wasm_opt(&wasm, &kept))?;
    }

    let site = paths.site(profile);
    step("assets", || {
        let pkg = site.join("pkg");
        recreate_dir(&pkg)?;
        let compress = profile == Profile::Release;
        let read = |path: &Path| {
            fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
        };
        let (js, wasm, css) = (
            read(&js)?,
            read(&wasm)?,
            read(&paths.root.join(STYLE_FILE))?,
        );
        let bundle = content_hash(&[&js, &wasm]);
        let style = content_hash(&[&css]);
        for (bytes, name) in [
            (&js, format!("{OUTPUT_NAME}.{bundle}.js")),
            (&wasm, format!("{OUTPUT_NAME}.{bundle}.wasm")),
            (&css, format!("{OUTPUT_NAME}.{style}.css")),
        ] {
            write_asset(&pkg.join(name), bytes, compress)?;
        }
        fs::write(
            site.join("hash.txt"),
            format!("bundle: {bundle}\ncss: {style}\n"),
        )?;
        Ok(())
    })?;
    Ok(site)
}

/// Runs one step, printing its name and how long it took.
fn step<T>(name: &str, run: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("--> {name}");
    let started = Instant::now();
    let result = run().map_err(|e| format!("{name}: {e}"))?;
    println!("    {name}: {:.1?}", started.elapsed());
    Ok(result)
}

fn cargo(paths: &Paths, args: &[&str]) -> Result {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    // `cargo run` describes xtask to it in these variables; passed on, they reach build
    // scripts that watch them (ring's watches CARGO_MANIFEST_DIR), and every later plain
    // `cargo` command would rebuild those crates and all that depends on them.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || matches!(
                &*name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            command.env_remove(&*name);
        }
    }
    let status = command
        .args(args)
        .current_dir(&paths.root)
        .env("CARGO_TARGET_DIR", &paths.target)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed ({status})", args.join(" ")).into())
    }
}

/// Shrinks the bundle in place with binaryen's `wasm-opt`, as cargo-leptos does, or
/// takes the shrunk bundle kept in `kept` when it was made from the same input.
fn wasm_opt(wasm: &Path, kept: &Path) -> Result {
    let input = fs::read(wasm)?;
    let shrunk = kept.join(format!("{}.wasm", content_hash(&[&input])));
    if fs::copy(&shrunk, wasm).is_ok() {
        println!("    the same bundle as last time: its shrunk copy taken");
        return Ok(());
    }
    let status = Command::new("wasm-opt")
        .arg("-Oz")
        .args(["--enable-bulk-memory", "--enable-nontrapping-float-to-int"])
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .status()
        .map_err(|e| {
            format!(
                "cannot run wasm-opt ({e}): install binaryen 132 from npm \
                 (scripts/run.sh does), not Debian's binaryen 108, which breaks hydration"
            )
        })?;
    if !status.success() {
        return Err(format!("wasm-opt failed ({status})").into());
    }
    // Only the last one is kept.
    recreate_dir(kept)?;
    fs::copy(wasm, &shrunk)?;
    Ok(())
}

/// The first 16 hex digits of the SHA-256 of `parts`: a new name whenever the content
/// changes, so browsers may keep each file forever.
fn content_hash(parts: &[&[u8]]) -> String {
    let mut sha = Sha256::new();
    for part in parts {
        sha.update(part);
    }
    sha.finalize()
        .iter()
        .take(8)
        .fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Writes `file`, and with `compress` its `.gz` and `.br` twins at the highest levels:
/// compressed once here rather than on every request.
fn write_asset(file: &Path, bytes: &[u8], compress: bool) -> Result {
    fs::write(file, bytes)?;
    if !compress {
        return Ok(());
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    fs::write(with_suffix(file, "gz"), gz.finish()?)?;

    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
    fs::write(with_suffix(file, "br"), br)?;
    Ok(())
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn recreate_dir(dir: &Path) -> Result {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    Ok(())
}

/// Prints each asset's size as it crosses the wire: raw, gzip and brotli.
fn report_sizes(pkg: &Path) -> Result {
    let mut files: Vec<PathBuf> = fs::read_dir(pkg)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("gz" | "br")))
        .collect();
    files.sort();
    println!(
        "  {:<40} {:>10} {:>10} {:>10}",
        "asset", "raw", "gzip", "brotli"
    );
    for file in files {
        let size = |path: &Path| {
            fs::metadata(path).map_or_else(|_| "-".to_owned(), |m| m.len().to_string())
        };
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "  {name:<40} {:>10} {:>10} {:>10}",
            size(&file),
            size(&with_suffix(&file, "gz")),
            size(&with_suffix(&file, "br"))
        );
    }
    Ok(())
}
