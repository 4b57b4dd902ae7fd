//! `cargo xtask grade PATH`: grade submissions you do not trust.
//!
//! For each submission the grader (outside) takes only
//! `exercises/<known folder>/src/**.rs`, without following a link
//! (`intake.rs`), lays it over a trusted copy of the stubs and manifests in a
//! private folder, and starts the trusted runner (`inside.rs`) in a fresh
//! sandbox (`sandbox.rs`) over it. The runner's report comes back on its
//! stdout pipe, which no program of the submission can open, replace or
//! write; a runner that fails, is killed, overruns or prints something else
//! gives an error row ("not graded: why"), never a score. Each submission's
//! report and gradebook rows are written as soon as it is graded, and its
//! private folder is removed.

use crate::gradebook;
use crate::intake;
use crate::sandbox::{self, Limits, Sandbox};
use netlings_suite::catalogue::{self, EXERCISES};
use netlings_suite::check::Exercise;
use netlings_suite::targets::workspace_root;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// The largest report the grader reads from a runner.
const REPORT_CAP: usize = 32 << 20;

pub struct Options {
    pub only: Option<String>,
    pub out: Option<PathBuf>,
    pub limits: Limits,
    /// Tests only: a stand-in for the trusted runner (to prove that a runner
    /// that fails, is killed or prints garbage gives an error row).
    pub runner: Option<PathBuf>,
    /// The course's grading.toml (default: the workspace's, else defaults).
    pub grading: Option<PathBuf>,
    /// `--wire`: the runner captures each check's packets.
    pub wire: bool,
}

pub fn run(path: &Path, options: &Options) -> ExitCode {
    let only: Option<&'static Exercise> = match options.only.as_deref() {
        None => None,
        Some(handle) => match catalogue::exercise(handle) {
            Some(e) => Some(e),
            None => return fail(&format!("no exercise {handle:?}")),
        },
    };
    let submissions = match submissions(path) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    if submissions.is_empty() {
        // An empty shard of a class is normal: say so, keep (or start) the gradebook.
        eprintln!(
            "note: {} holds no submission (a folder with exercises/ in it)",
            path.display()
        );
    }
    // The course's points and weights, read here (trusted) and handed to
    // the runner in the sandbox as text.
    let grading = match crate::model::Grading::load(options.grading.as_deref())
        .and_then(|g| toml::to_string(&g).map_err(|e| e.to_string()))
    {
        Ok(g) => g,
        Err(e) => return fail(&e),
    };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("target/netlings/grades"));
    if let Err(e) = std::fs::create_dir_all(&out) {
        return fail(&format!("cannot create {}: {e}", out.display()));
    }
    let sandbox = match Sandbox::probe(options.limits.clone()) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    println!("containment: {}", sandbox.describe());
    let runner = match &options.runner {
        Some(r) => r.clone(),
        None => match std::env::current_exe() {
            Ok(r) => r,
            Err(e) => return fail(&format!("cannot find the runner: {e}")),
        },
    };
    // Private to the grader: the trusted template and each submission's
    // laid-out copy (removed when graded).
    remove_stale_private_folders();
    let prefix = format!("netlings-grade-{}-", std::process::id());
    let private = match tempfile::Builder::new().prefix(&prefix).tempdir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("cannot make a private folder: {e}")),
    };
    let template = private.path().join("template");
    if let Err(e) = make_template(&template) {
        return fail(&e);
    }
    // Rows of students graded before and not now stay (docs/grading.md);
    // the gradebook is written again after each submission, so it survives
    // a grader that dies half-way.
    if let Err(e) = gradebook::update(&out, Vec::new()) {
        return fail(&e);
    }
    for (name, dir) in &submissions {
        let layout = private.path().join("submission");
        let commit = gradebook::commit_of(dir);
        let graded = grade_one(
            dir,
            only,
            &template,
            &layout,
            &sandbox,
            &Runner {
                program: &runner,
                grading: &grading,
                wire: options.wire,
            },
            name,
        );
        let _ = std::fs::remove_dir_all(&layout);
        let rows = match graded {
            Ok(graded) => {
                if let Err(e) = save(&out, name, &graded) {
                    return fail(&e);
                }
                let t = &graded.report.totals;
                let p = &graded.report.points;
                println!(
                    "{name}: {}/{} points, {}/{} checks pass, {} skipped ({:.0} s){} → {}",
                    crate::model::show(p.earned),
                    crate::model::show(p.max),
                    t.passed,
                    t.total,
                    t.skipped,
                    graded.seconds,
                    notes_suffix(&graded.notes),
                    out.join(format!("{name}.json")).display()
                );
                gradebook::rows(name, &graded.report, &commit, &graded.notes.join("; "))
            }
            Err(why) => {
                println!("{name}: not graded: {why}");
                let now = crate::model::rfc3339(std::time::SystemTime::now());
                vec![gradebook::Row::unscored(
                    name,
                    format!("not graded: {why}"),
                    &commit,
                    &now,
                )]
            }
        };
        if let Err(e) = gradebook::update(&out, rows) {
            return fail(&e);
        }
    }
    println!(
        "gradebook: {} (a row per student and exercise), {} (a row per student)",
        out.join(gradebook::LONG).display(),
        out.join(gradebook::WIDE).display()
    );
    ExitCode::SUCCESS
}

/// Private folders of graders that were killed (their pid is gone): the
/// laid-out copy of the submission they were grading.
fn remove_stale_private_folders() {
    let tmp = std::env::temp_dir();
    for entry in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("netlings-grade-")
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let ours = std::fs::symlink_metadata(entry.path()).is_ok_and(|m| {
            use std::os::unix::fs::MetadataExt as _;
            m.is_dir() && m.uid() == rustix::process::geteuid().as_raw()
        });
        if ours && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn notes_suffix(notes: &[String]) -> String {
    if notes.is_empty() {
        String::new()
    } else {
        format!(" [{}]", notes.join("; "))
    }
}

fn fail(why: &str) -> ExitCode {
    eprintln!("error: {why}");
    ExitCode::FAILURE
}

/// One submission (`PATH/exercises` exists) or a folder of them. Entries
/// that are links are not submissions.
pub fn submissions(path: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let name_of = |p: &Path| {
        p.file_name().map_or("submission".to_string(), |n| {
            n.to_string_lossy().into_owned()
        })
    };
    let is_dir = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    if is_dir(&path.join("exercises")) {
        return Ok(vec![(name_of(path), path.to_path_buf())]);
    }
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_dir(p) && p.join("exercises").exists())
        .map(|p| (name_of(&p), p))
        .collect();
    found.sort();
    Ok(found)
}

/// The trusted runner and the course's grading.toml (as text) it is given.
struct Runner<'a> {
    program: &'a Path,
    grading: &'a str,
    /// Pass `--wire` on.
    wire: bool,
}

/// What the runner sends back.
#[derive(serde::Deserialize)]
struct Envelope {
    report: serde_json::Value,
    markdown: String,
    junit: String,
    gradescope: String,
    notes: Vec<String>,
    /// With `--wire`: why the packets could not be captured, if so.
    #[serde(default)]
    wire: Option<String>,
}

struct GradedSubmission {
    report: gradebook::Summary,
    /// The report as the runner wrote it, plus what the grader adds.
    json: serde_json::Value,
    markdown: String,
    junit: String,
    gradescope: String,
    /// Limits reached and entries refused.
    notes: Vec<String>,
    seconds: f32,
}

fn grade_one(
    submission: &Path,
    only: Option<&'static Exercise>,
    template: &Path,
    layout: &Path,
    sandbox: &Sandbox,
    runner: &Runner,
    name: &str,
) -> Result<GradedSubmission, String> {
    let folder = only.map(Exercise::folder);
    let taken = intake::take(submission, folder.as_deref())?;
    lay_out(template, layout, &taken)?;
    let jobs = jobs().to_string();
    let mut argv = vec![
        sandbox::RUNNER,
        "grade-inside",
        "--grading-toml",
        runner.grading,
        "--jobs",
        &jobs,
    ];
    let handle = only.map(Exercise::handle);
    if let Some(handle) = &handle {
        argv.extend(["--exercise", handle]);
    }
    if runner.wire {
        argv.push("--wire");
    }
    let ran = sandbox.run(name, layout, runner.program, &argv, REPORT_CAP);
    let why_not = |what: String| {
        let said = ran
            .stderr_tail
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let mut why = what;
        if !said.is_empty() {
            why.push_str(&format!(" (its last words: {said})"));
        }
        for hit in &ran.limits_hit {
            why.push_str(&format!("; {hit}"));
        }
        why
    };
    let status = match ran.status {
        None => {
            return Err(why_not(format!(
                "the sandbox reached its wall-clock limit ({} s) and was stopped",
                sandbox.limits.wall.as_secs()
            )));
        }
        Some(status) => status,
    };
    if !status.success() {
        use std::os::unix::process::ExitStatusExt as _;
        let how = match (status.code(), status.signal()) {
            (_, Some(signal)) => format!("the sandbox was killed by signal {signal}"),
            // bubblewrap exits 128 + N when the runner was killed by signal N.
            (Some(code @ 129..=192), _) => {
                format!("the runner was killed by signal {}", code - 128)
            }
            (Some(code), _) => format!("the runner failed (exit status {code})"),
            _ => "the runner failed".to_string(),
        };
        return Err(why_not(how));
    }
    if ran.overflowed {
        return Err(why_not(format!(
            "the runner printed more than {} MiB",
            REPORT_CAP >> 20
        )));
    }
    let envelope: Envelope = serde_json::from_slice(&ran.stdout)
        .map_err(|e| why_not(format!("the runner's answer is not a report ({e})")))?;
    let report: gradebook::Summary =
        serde_json::from_value(envelope.report.clone()).map_err(|e| {
            why_not(format!(
                "the runner's report does not follow the schema ({e})"
            ))
        })?;
    if envelope.report["schema"] != crate::model::SCHEMA {
        return Err(why_not(
            "the runner's report has another schema".to_string(),
        ));
    }
    let mut notes = ran.limits_hit.clone();
    notes.extend(envelope.notes);
    let mut json = envelope.report;
    json["target"] = serde_json::Value::String(name.to_string());
    json["refused"] = serde_json::json!(taken.refused);
    json["sandbox"] = serde_json::json!({ "limits_reached": notes });
    let no_wire = wire_unavailable(&mut json, envelope.wire);
    let mut markdown = String::new();
    if !taken.refused.is_empty() || !notes.is_empty() || !no_wire.is_empty() {
        markdown.push_str("### Grading notes\n\n");
        for line in taken.refused.iter().chain(&notes).chain(&no_wire) {
            markdown.push_str(&format!("- {line}\n"));
        }
        markdown.push('\n');
    }
    markdown.push_str(&envelope.markdown);
    notes.extend(taken.refused);
    Ok(GradedSubmission {
        report,
        json,
        markdown,
        junit: envelope.junit,
        gradescope: envelope.gradescope,
        notes,
        seconds: ran.elapsed.as_secs_f32(),
    })
}

/// `--wire` where the sandbox could make no namespace: why, once, in the
/// report (`sandbox.wire`) and its grading notes; never in the gradebook's
/// notes (the grades are those of a run without `--wire`).
fn wire_unavailable(json: &mut serde_json::Value, why: Option<String>) -> Vec<String> {
    let Some(why) = why else {
        return Vec::new();
    };
    json["sandbox"]["wire"] = serde_json::Value::String(why.clone());
    vec![why]
}

fn save(out: &Path, name: &str, graded: &GradedSubmission) -> Result<(), String> {
    let json = serde_json::to_vec_pretty(&graded.json).map_err(|e| e.to_string())?;
    intake::write_new(&out.join(format!("{name}.json")), &json, 0o644)?;
    intake::write_new(
        &out.join(format!("{name}.md")),
        graded.markdown.as_bytes(),
        0o644,
    )?;
    intake::write_new(
        &out.join(format!("{name}.junit.xml")),
        graded.junit.as_bytes(),
        0o644,
    )?;
    intake::write_new(
        &out.join(format!("{name}.gradescope.json")),
        graded.gradescope.as_bytes(),
        0o644,
    )
}

/// How many checks of a submission run at once: most of a check's time is
/// spent waiting on the programs (a hung one costs only its deadline), so
/// many more than the cores (docs/grading.md, "Sizing shards", has the
/// figures). `NETLINGS_GRADE_JOBS` overrides it.
fn jobs() -> usize {
    std::env::var("NETLINGS_GRADE_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .filter(|j| *j > 0)
        .unwrap_or(DEFAULT_JOBS)
}

const DEFAULT_JOBS: usize = 48;

/// The trusted workspace every submission is laid over: `common` and the
/// exercises' stubs and manifests, with a lock file made from them.
fn make_template(template: &Path) -> Result<(), String> {
    let root = workspace_root();
    copy_tree(&root.join("common"), &template.join("common"), &|_| true)?;
    for exercise in EXERCISES {
        // The manifests from the checkout, the sources as shipped (from
        // git, as `reset` restores them): what a student did not submit is
        // the stub, never whatever the teacher's own checkout holds there.
        let folder = Path::new("exercises").join(exercise.folder());
        let src = root.join(&folder).join("src");
        copy_tree(&root.join(&folder), &template.join(&folder), &|p| {
            !p.starts_with(&src) && !p.to_string_lossy().ends_with(".bak")
        })?;
        for entry in crate::stubs::of(exercise)? {
            let bytes = crate::stubs::pristine_bytes(&entry)?;
            let to = template.join(&entry.path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(&to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
        }
    }
    let manifest = r#"# Written by `cargo xtask grade`: the exercises and `common` only.
[workspace]
resolver = "3"
members = ["common", "exercises/*"]

[workspace.package]
edition = "2024"
rust-version = "1.95"
license = "MIT OR Apache-2.0"
publish = false

[workspace.dependencies]
netlings-common = { path = "common" }

[profile.dev]
debug = false
"#;
    std::fs::write(template.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let locked = Command::new(cargo)
        .args(["generate-lockfile", "--offline"])
        .current_dir(template)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !locked.status.success() {
        return Err(format!(
            "cannot write the lock file: {}",
            String::from_utf8_lossy(&locked.stderr)
        ));
    }
    Ok(())
}

/// The template, then the submission's files over it; readable (not
/// writable) by the sandbox's users.
fn lay_out(template: &Path, layout: &Path, taken: &intake::Taken) -> Result<(), String> {
    copy_tree(template, layout, &|_| true)?;
    for (rel, bytes) in &taken.files {
        let to = layout.join(rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        intake::write_new(&to, bytes, 0o644)?;
    }
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(layout, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| e.to_string())
}

/// Files below `dir`, a trusted tree (links are listed, not followed).
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d)
            .map_err(|e| format!("{}: {e}", d.display()))?
            .flatten()
        {
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    Ok(files)
}

fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for file in walk(from)? {
        if !keep(&file) || std::fs::symlink_metadata(&file).is_ok_and(|m| !m.file_type().is_file())
        {
            continue;
        }
        let dest = to.join(file.strip_prefix(from).expect("walked below it"));
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::copy(&file, &dest).map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
    }
    Ok(())
}
