#include "output-folder-lock.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace ns3
{

namespace
{

/** "PROGRAM, pid N on HOST since 2026-12-05 10:11:12 UTC" for this process. */
std::string
Holder(const std::string& program)
{
    char host[256] = "?";
    gethostname(host, sizeof(host) - 1);
    char since[64] = "?";
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    if (gmtime_r(&now, &utc))
    {
        std::strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S UTC", &utc);
    }
    return program + ", pid " + std::to_string(getpid()) + " on " + host + " since " + since;
}

/** What the holder wrote into the lock file, on one line. */
std::string
ReadHolder(int fd)
{
    char text[512] = {};
    ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
    std::string holder(text, n > 0 ? static_cast<size_t>(n) : 0);
    holder = holder.substr(0, holder.find('\n'));
    return holder.empty() ? "another run" : holder;
}

} // namespace

OutputFolderLock::~OutputFolderLock()
{
    if (m_fd >= 0)
    {
        close(m_fd); // releases the flock
    }
}

std::string
OutputFolderLock::Acquire(const std::string& dir, const std::string& program)
{
    std::string path = dir + "/" + FILE_NAME;
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
    {
        return "cannot open " + path + ": " + std::strerror(errno);
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0)
    {
        std::string error = errno == EWOULDBLOCK
                                ? dir + " is in use by another run (" + ReadHolder(fd) + ")"
                                : "cannot lock " + path + ": " + std::strerror(errno);
        close(fd);
        return error;
    }
    std::string holder = Holder(program) + "\n";
    if (ftruncate(fd, 0) != 0 || pwrite(fd, holder.data(), holder.size(), 0) < 0)
    {
        // The lock holds without its note; a second run then names "another run".
    }
    m_fd = fd;
    return "";
}

} // namespace ns3
