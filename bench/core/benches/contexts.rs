//! `evaluate` natively (criterion) on the context files the bench runner generated
//! (`bench/carts.mjs`), the very inputs the wasm and the peers are given; and the boundary
//! the peers are compared against (`evaluate_page`: page JSON in, findings JSON out), so
//! that its cost can be profiled without a wasm build.
//! `PROCGUARD_BENCH_INPUTS=dir cargo bench` (the runner sets it).

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use procguard_core::{evaluate, parse_now, Context, Directory, Page, Policy, User};
use serde_json::Value;

fn bench(c: &mut Criterion) {
    let dir = std::env::var("PROCGUARD_BENCH_INPUTS").expect("PROCGUARD_BENCH_INPUTS");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("inputs folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut inputs = Vec::new();
    let mut group = c.benchmark_group("evaluate");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500));
    for file in files {
        let input: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let Some(name) = input["name"].as_str().map(str::to_string) else {
            continue; // the index of the inputs
        };
        let directory = Directory::from_json(&input["directory"].to_string()).expect("directory");
        let user: User = serde_json::from_value(input["user"].clone()).expect("user");
        let page = Page::from_json(&input["page"].to_string()).expect("page");
        let now_text = input["now"].as_str().unwrap();
        let now = parse_now(now_text).unwrap();
        let overrides = input["policy"].as_str().unwrap_or("");
        let policy = if overrides.is_empty() {
            Policy::default()
        } else {
            Policy::from_overrides_json(overrides).expect("policy overrides")
        };
        let context = Context::for_page(&directory, page, Some(user), now_text);
        let expected = input["findings"].as_u64();
        let got = evaluate(&policy, &context, now).findings.len() as u64;
        if let Some(expected) = expected {
            assert_eq!(got, expected, "{name}: native findings differ from wasm");
        }
        group.bench_function(&name, |b| {
            b.iter(|| evaluate(black_box(&policy), black_box(&context), now))
        });
        inputs.push((name, input));
    }
    group.finish();

    let mut group = c.benchmark_group("evaluate_page");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500));
    for (name, input) in inputs {
        procguard_bench::load_policy(input["policy"].as_str().unwrap_or(""))
            .expect("policy overrides");
        procguard_bench::load_directory(
            &input["directory"].to_string(),
            &input["user"].to_string(),
        )
        .expect("directory");
        let page_json = input["page"].to_string();
        let now = input["now"].as_str().unwrap();
        group.bench_function(&name, |b| {
            b.iter(|| procguard_bench::evaluate_page(black_box(&page_json), now))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
