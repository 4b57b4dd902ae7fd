//! Prints bytes that are not UTF-8 as its listening line.
//! program: 05
//! rejected-by: prints_the_address_it_listens_on
//! kind: hostile

fn main() {
    netlings_mutants::hostile::invalid_utf8();
}
