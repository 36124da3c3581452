#include "platform/pdf/pdf.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace retainer::pdf {
namespace {

// Reads HTML on stdin, writes the PDF on stdout. Only data: URLs are fetched.
constexpr const char* kDriver = R"PY(
import sys
import weasyprint
def fetch(url, timeout=10, ssl_context=None):
    if url.startswith('data:'):
        return weasyprint.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ValueError('external resources are not fetched')
html = sys.stdin.buffer.read().decode('utf-8', 'replace')
sys.stdout.buffer.write(weasyprint.HTML(string=html, url_fetcher=fetch).write_pdf())
)PY";

class Gate {
  public:
    bool try_enter(int limit) {
        std::lock_guard lock(m_);
        if (running_ >= limit) return false;
        ++running_;
        return true;
    }
    void leave() {
        std::lock_guard lock(m_);
        --running_;
    }

  private:
    std::mutex m_;
    int running_ = 0;
};
// The renders of this process (each is a child process of its own).
Gate gate;

/// In the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(int in_fd, int out_fd, int err_fd, int status_fd, const char* python) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    char isolated = 0;
    if (unshare(CLONE_NEWNET) == 0 || unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) isolated = 1;
    (void)!write(status_fd, &isolated, 1);
    // Leave the server's sockets and files behind (close_range needs Linux 5.9).
    if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
        for (int fd = 3; fd < 4096; ++fd) close(fd);
    struct rlimit mem = {1024UL * 1024 * 1024, 1024UL * 1024 * 1024};
    setrlimit(RLIMIT_AS, &mem);
    struct rlimit cpu = {30, 30};
    setrlimit(RLIMIT_CPU, &cpu);
    const char* argv[] = {python, "-I", "-c", kDriver, nullptr};
    execv(python, const_cast<char* const*>(argv));
    _exit(127);
}

}  // namespace

Result render(const std::string& html, const Options& o) {
    Result out;
    if (html.size() > o.max_html) {
        out.too_large = true;
        out.error = "the document is over " + std::to_string(o.max_html) + " bytes of HTML";
        return out;
    }
    if (!gate.try_enter(o.max_parallel)) {
        out.busy = true;
        out.error = "the PDF renderer is busy";
        return out;
    }
    struct Leave {
        ~Leave() { gate.leave(); }
    } leave;

    int in[2], pout[2], perr[2], status[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(pout, O_CLOEXEC) || pipe2(perr, O_CLOEXEC) ||
        pipe2(status, O_CLOEXEC)) {
        out.error = std::string("pipe: ") + std::strerror(errno);
        return out;
    }
    // The status pipe must survive exec only until the child reports; O_CLOEXEC closes it then.
    pid_t pid = fork();
    if (pid < 0) {
        out.error = std::string("fork: ") + std::strerror(errno);
        for (int fd : {in[0], in[1], pout[0], pout[1], perr[0], perr[1], status[0], status[1]})
            close(fd);
        return out;
    }
    if (pid == 0) exec_child(in[0], pout[1], perr[1], status[1], o.python.c_str());
    close(in[0]);
    close(pout[1]);
    close(perr[1]);
    close(status[1]);
    char isolated = 0;
    if (read(status[0], &isolated, 1) == 1) out.isolated = isolated == 1;
    close(status[0]);

    fcntl(in[1], F_SETFL, O_NONBLOCK);
    std::string pdf, err;
    std::size_t written = 0;
    bool killed = false, over = false;
    auto deadline = std::chrono::steady_clock::now() + o.timeout;
    int in_fd = in[1], out_fd = pout[0], err_fd = perr[0];
    if (html.empty()) {
        close(in_fd);
        in_fd = -1;
    }
    while (out_fd >= 0 || err_fd >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            killed = true;
            break;
        }
        pollfd fds[3];
        int n = 0;
        if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
        if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
        if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
        int ready = poll(fds, n, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) break;
        for (int i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_fd) {
                ssize_t w = write(in_fd, html.data() + written, html.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 && errno != EAGAIN) written = html.size();
                if (written == html.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            char buf[65536];
            ssize_t r = read(fds[i].fd, buf, sizeof buf);
            if (r <= 0) {
                close(fds[i].fd);
                (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
                continue;
            }
            if (fds[i].fd == out_fd) {
                pdf.append(buf, static_cast<std::size_t>(r));
                if (pdf.size() > o.max_pdf) {
                    over = true;
                    killed = true;
                }
            } else if (err.size() < 8192) {
                err.append(buf, static_cast<std::size_t>(r));
            }
        }
        if (killed) break;
    }
    for (int fd : {in_fd, out_fd, err_fd})
        if (fd >= 0) close(fd);
    if (killed) kill(pid, SIGKILL);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (over) {
        out.too_large = true;
        out.error = "the PDF is over " + std::to_string(o.max_pdf) + " bytes";
        return out;
    }
    if (killed) {
        out.error =
            "the PDF renderer took longer than " + std::to_string(o.timeout.count()) + " ms";
        return out;
    }
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || pdf.rfind("%PDF-", 0) != 0) {
        auto last = err.find_last_not_of("\n");
        auto start = err.rfind('\n', last == std::string::npos ? 0 : last);
        out.error =
            "the PDF renderer failed: " +
            (err.empty() ? std::string("exit status ") + std::to_string(WEXITSTATUS(wstatus))
                         : err.substr(start == std::string::npos ? 0 : start + 1, 300));
        return out;
    }
    out.pdf = std::move(pdf);
    return out;
}

}  // namespace retainer::pdf
