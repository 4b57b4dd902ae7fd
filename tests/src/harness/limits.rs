//! Limits set on a running program, so a check that hands it something
//! huge (a sparse file of several GiB) cannot take the machine with it when
//! the program mishandles it.

use super::{Proc, Test};
use crate::check::{Outcome, Stop};
use crate::msg;
use rustix::process::{Pid, Resource, Rlimit, prlimit};

impl Test {
    /// Cap `program`'s address space at `bytes` (`prlimit(RLIMIT_AS)`): a
    /// program that tries to hold more fails its allocation (an error or
    /// an abort) instead of pushing the machine into swap.
    pub fn limit_address_space(&self, program: &Proc, bytes: u64) -> Outcome {
        self.step(
            msg!("cap the address space of {} at {} MiB", program.role().en, bytes >> 20;
                 "把{}的地址空间限制为 {} MiB", program.role().zh, bytes >> 20),
        );
        let limit = Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        };
        let pid = Pid::from_raw(program.pid() as i32);
        match prlimit(pid, Resource::As, limit) {
            Ok(_) => Ok(()),
            // In grade's sandbox the program is another user's, and where
            // the host withholds CAP_SYS_RESOURCE the runner may not change
            // its limits; the sandbox bounds its memory already (a cgroup,
            // or an address-space limit set when it started).
            Err(rustix::io::Errno::PERM) if std::env::var_os("NETLINGS_PROGRAM_UID").is_some() => {
                self.step(msg!("(in the grading sandbox, whose memory limit bounds {} instead)", program.role().en;
                               "（在评分沙箱中，改由沙箱的内存上限约束{}）", program.role().zh));
                Ok(())
            }
            Err(e) => Err(Stop::fail(
                msg!("the suite could not limit the memory of {}: {}", program.role().en, e;
                            "评测程序无法限制{}的内存：{}", program.role().zh, e),
            )),
        }
    }
}
