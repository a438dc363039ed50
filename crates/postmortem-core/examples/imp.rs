fn main() {
    let mut big = String::from("# Big\n\n## Timeline (all times PST)\n\n");
    while big.len() < 1024 * 1024 {
        big.push_str("- **3:05 PM** - Pager fired for the 5xx rate on `checkout`; see [graph](https://x.io/g).\n");
    }
    let t = std::time::Instant::now();
    for _ in 0..20 {
        std::hint::black_box(postmortem_core::import_markdown(&big));
    }
    println!("{:.1} ms", t.elapsed().as_secs_f64() * 1e3 / 20.0);
}
