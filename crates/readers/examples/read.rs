//! Development aid: reads a snapshot file (from `tests/browser/dump-snapshot.mjs`) and prints
//! the page object and anchors the readers get from it.
fn main() {
    let path = std::env::args().nth(1).expect("usage: read SNAPSHOT.json");
    let text = std::fs::read_to_string(&path).expect("readable snapshot file");
    let dom = procguard_readers::Dom::from_json(&text).expect("a snapshot");
    match procguard_readers::read(&dom) {
        None => println!("null"),
        Some(reading) => {
            println!("{}", serde_json::to_string_pretty(&reading.page).unwrap());
            eprintln!(
                "anchors: {:?}\nhold targets: {:?}",
                reading.anchors, reading.hold_targets
            );
        }
    }
}
