//! Hangs without ever printing.
//! program: 05
//! rejected-by: prints_the_address_it_listens_on
//! kind: hostile

fn main() {
    netlings_mutants::hostile::hang_before_print();
}
