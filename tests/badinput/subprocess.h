// subprocess.h: runs the `ties` binary as a child process for the trust tests
// (bad-input catalogue, crash safety), with a timeout and resource usage.
//
// Unlike popen(), this tells a normal exit from death by a signal, kills a
// hung child, and reports the child's peak resident memory.
#ifndef TIES_TESTS_BADINPUT_SUBPROCESS_H_
#define TIES_TESTS_BADINPUT_SUBPROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace ties_test {

struct ChildResult {
  bool exited = false;     // exited normally (not by a signal)
  int exit_code = -1;      // when exited
  int signal = 0;          // when killed by a signal
  bool timed_out = false;  // killed by us after the timeout
  long max_rss_kb = 0;     // peak resident set size of the child
  double seconds = 0;
  std::string out, err;    // stdout and stderr
};

// Starts `argv` (argv[0] is the program path) with stdout and stderr sent to
// the given files ("" = /dev/null). Returns the pid, or -1.
inline pid_t SpawnChild(const std::vector<std::string>& argv, const std::string& out_path,
                        const std::string& err_path) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: only async-signal-safe calls until exec.
  const int null_fd = open("/dev/null", O_RDWR);
  const int out_fd = out_path.empty() ? null_fd : open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err_fd = err_path.empty() ? null_fd : open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(null_fd, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  execv(args[0], args.data());
  _exit(127);
}

// Waits for `pid` up to `timeout_s` seconds (then SIGKILLs it).
inline ChildResult WaitChild(pid_t pid, double timeout_s) {
  ChildResult r;
  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  struct rusage usage {};
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0) return r;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_s) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) {
    r.exited = !r.timed_out;
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  return r;
}

inline std::string SlurpFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a child to completion, capturing stdout and stderr through files in `scratch_dir`.
inline ChildResult RunChild(const std::vector<std::string>& argv, const std::string& scratch_dir,
                            double timeout_s) {
  const std::string out_path = scratch_dir + "/stdout.txt";
  const std::string err_path = scratch_dir + "/stderr.txt";
  const pid_t pid = SpawnChild(argv, out_path, err_path);
  ChildResult r;
  if (pid < 0) return r;
  r = WaitChild(pid, timeout_s);
  r.out = SlurpFile(out_path);
  r.err = SlurpFile(err_path);
  return r;
}

inline std::string Describe(const ChildResult& r) {
  std::string s;
  if (r.timed_out) s += "timed out; ";
  if (r.exited) s += "exit " + std::to_string(r.exit_code);
  else s += "killed by signal " + std::to_string(r.signal);
  s += " after " + std::to_string(r.seconds) + " s, peak RSS " + std::to_string(r.max_rss_kb / 1024) + " MB";
  std::string err = r.err.size() > 4000 ? r.err.substr(0, 4000) + "..." : r.err;
  return s + "\nstderr:\n" + err;
}

}  // namespace ties_test

#endif  // TIES_TESTS_BADINPUT_SUBPROCESS_H_
