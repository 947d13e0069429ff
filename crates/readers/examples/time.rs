//! Development aid: times parsing and reading a snapshot file, natively.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: time SNAPSHOT.json");
    let text = std::fs::read_to_string(&path).expect("readable snapshot file");
    let runs = 20;
    let t0 = Instant::now();
    let mut dom = None;
    for _ in 0..runs {
        dom = Some(procguard_readers::Dom::from_json(&text).expect("a snapshot"));
    }
    let t1 = Instant::now();
    let dom = dom.unwrap();
    let mut reading = None;
    for _ in 0..runs {
        reading = procguard_readers::read(&dom);
    }
    let t2 = Instant::now();
    println!(
        "nodes {} parse {:.2} ms, read {:.2} ms, lines {:?}",
        dom.nodes.len(),
        (t1 - t0).as_secs_f64() * 1000.0 / runs as f64,
        (t2 - t1).as_secs_f64() * 1000.0 / runs as f64,
        reading.map(|r| r.anchors.len())
    );
}
