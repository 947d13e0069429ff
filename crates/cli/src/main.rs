//! `procguard`: check a context file, or run a folder of scenarios, from the command line.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local};
use procguard_core::{evaluate, parse_now, scenario::check_expect, Context, Policy};

const HELP: &str = "\
procguard: check what a technician sees against the MSP's procedures

USAGE:
    procguard check [--policy POLICY.json] FILE
    procguard check [--policy POLICY.json] -
    procguard check [--policy POLICY.json] --scenarios DIR
    procguard --help

COMMANDS:
    check FILE        Evaluate one context file (`format`: `procguard/context@1`; `-` reads
                      stdin) and print one JSON object:
                      {\"findings\": [{\"id\", \"severity\", \"message\", \"evidence\", \"remedy\",
                      \"source\", \"about\"}], \"holds_checkout\": bool, \"diagnostics\": [...],
                      \"policy_revision\": \"...\"}.
                      Exits 0 whatever it found. `now` is the file's `now`, else the clock.
    check --scenarios DIR
                      Run every `*.json` scenario in DIR (sorted by name) and compare with its
                      `expect`: prints `ok  NAME` or `FAIL NAME: reasons` per file, then
                      `N passed, M failed`. Exits 1 when any failed.

OPTIONS:
    --policy POLICY.json
                      Apply an organisation's overrides to the built-in policy, e.g.
                      {\"checks\": {\"order.acceptance-date\": {\"severity\": \"warn\"},
                                  \"ticket.mc-sla\": {\"enabled\": false},
                                  \"ticket.hourly-increments\": {\"params\": {\"increment_minutes\": 6}}},
                       \"matching\": {\"legal_suffixes\": [\"llc\", \"inc\", \"pc\", \"ltd\"]}}
    -h, --help        Show this help.

EXIT STATUS:
    0  checked (or all scenarios passed)
    1  a scenario failed
    2  invalid input: the error names the file, line, column and field path
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

struct CheckArgs {
    policy: Option<PathBuf>,
    scenarios: Option<PathBuf>,
    file: Option<String>,
}

fn usage_error(message: &str) -> String {
    format!("error: {message}\n  help: run `procguard --help` for usage")
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some("check") => {
            let parsed = parse_check(&args[1..])?;
            let policy = load_policy(parsed.policy.as_deref())?;
            match (parsed.scenarios, parsed.file) {
                (Some(dir), None) => run_scenarios(&policy, &dir),
                (None, Some(file)) => check_file(&policy, &file),
                (Some(_), Some(_)) => Err(usage_error(
                    "give either `--scenarios DIR` or a FILE, not both",
                )),
                (None, None) => Err(usage_error(
                    "`check` needs a FILE (or `-`) or `--scenarios DIR`",
                )),
            }
        }
        Some(other) => Err(usage_error(&format!("unknown command `{other}`"))),
    }
}

fn parse_check(args: &[String]) -> Result<CheckArgs, String> {
    let mut parsed = CheckArgs {
        policy: None,
        scenarios: None,
        file: None,
    };
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let mut value = |name: &str| -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| usage_error(&format!("`{name}` needs a value")))
        };
        match arg {
            "--policy" => parsed.policy = Some(PathBuf::from(value("--policy")?)),
            "--scenarios" => parsed.scenarios = Some(PathBuf::from(value("--scenarios")?)),
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            "-" => parsed.file = Some("-".to_string()),
            flag if flag.starts_with("--") => {
                return Err(usage_error(&format!("unknown option `{flag}`")))
            }
            file => {
                if parsed.file.is_some() {
                    return Err(usage_error(&format!("only one FILE, `{file}` is extra")));
                }
                parsed.file = Some(file.to_string());
            }
        }
        i += 1;
    }
    Ok(parsed)
}

fn load_policy(path: Option<&Path>) -> Result<Policy, String> {
    let Some(path) = path else {
        return Ok(Policy::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("error: cannot read policy `{}`: {e}", path.display()))?;
    Policy::from_overrides_json(&text).map_err(|errors| {
        let listed: Vec<String> = errors
            .iter()
            .map(|error| format!("error: {}: {error}", path.display()))
            .collect();
        listed.join("\n")
    })
}

fn read_input(file: &str) -> Result<(String, String), String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("error: cannot read stdin: {e}"))?;
        Ok(("<stdin>".to_string(), text))
    } else {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("error: cannot read `{file}`: {e}"))?;
        Ok((file.to_string(), text))
    }
}

fn moment(context: &Context) -> DateTime<FixedOffset> {
    context
        .now
        .as_deref()
        .and_then(parse_now)
        .unwrap_or_else(|| Local::now().fixed_offset())
}

fn check_file(policy: &Policy, file: &str) -> Result<ExitCode, String> {
    let (name, text) = read_input(file)?;
    let context = Context::from_json(&text).map_err(|error| format!("error: {name}:{error}"))?;
    let decision = evaluate(policy, &context, moment(&context));
    let json = serde_json::to_string_pretty(&decision)
        .map_err(|e| format!("error: cannot write the decision: {e}"))?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

fn run_scenarios(policy: &Policy, dir: &Path) -> Result<ExitCode, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "error: cannot read scenarios folder `{}`: {e}",
            dir.display()
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
        let outcome = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| {
                Context::from_json(&text).map_err(|e| e.to_string().replace('\n', " "))
            })
            .map(|context| {
                let decision = evaluate(policy, &context, moment(&context));
                match &context.expect {
                    Some(expect) => check_expect(expect, &decision),
                    None => vec!["the file has no `expect`".to_string()],
                }
            });
        match outcome {
            Ok(failures) if failures.is_empty() => {
                passed += 1;
                println!("ok  {name}");
            }
            Ok(failures) => {
                failed += 1;
                println!("FAIL {name}: {}", failures.join("; "));
            }
            Err(error) => {
                failed += 1;
                println!("FAIL {name}: {error}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
