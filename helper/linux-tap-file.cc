#include "linux-tap-file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ns3
{

namespace
{

bool
FillName(struct ifreq* request, const std::string& name, std::string* error)
{
    std::memset(request, 0, sizeof(*request));
    if (name.empty() || name.size() >= IFNAMSIZ)
    {
        *error = "tap name '" + name + "' must have 1 to " + std::to_string(IFNAMSIZ - 1) +
                 " characters";
        return false;
    }
    std::strncpy(request->ifr_name, name.c_str(), IFNAMSIZ - 1);
    return true;
}

} // namespace

int
LinuxTapFile::Open(const std::string& name, std::string* error)
{
    struct ifreq request;
    if (!FillName(&request, name, error))
    {
        return -1;
    }
    // TUNSETIFF on a name that does not exist would create a new, unconfigured interface.
    if (Mtu(name, error) < 0)
    {
        return -1;
    }
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        *error = std::string("cannot open /dev/net/tun: ") + std::strerror(errno);
        return -1;
    }
    // IFF_NO_PI: plain Ethernet frames, FdNetDevice's DIX mode. Without IFF_TUN_EXCL the call
    // attaches to the persistent interface of that name instead of failing because it exists.
    request.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (ioctl(fd, TUNSETIFF, &request) < 0)
    {
        *error = "cannot attach to tap '" + name + "' (TUNSETIFF): " + std::strerror(errno);
        close(fd);
        return -1;
    }
    return fd;
}

int
LinuxTapFile::Mtu(const std::string& name, std::string* error)
{
    struct ifreq request;
    if (!FillName(&request, name, error))
    {
        return -1;
    }
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0)
    {
        *error = std::string("socket: ") + std::strerror(errno);
        return -1;
    }
    int result = ioctl(sock, SIOCGIFMTU, &request);
    int saved = errno;
    close(sock);
    if (result < 0)
    {
        *error = "no interface '" + name + "': " + std::strerror(saved);
        return -1;
    }
    return request.ifr_mtu;
}

int
LinuxTapFile::OpenIn(const std::string& netns,
                     const std::string& name,
                     int* mtu,
                     std::string* error)
{
    int own = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (own < 0)
    {
        *error = std::string("cannot open /proc/self/ns/net: ") + std::strerror(errno);
        return -1;
    }
    int target = open(netns.c_str(), O_RDONLY | O_CLOEXEC);
    if (target < 0 || setns(target, CLONE_NEWNET) < 0)
    {
        *error = "cannot enter network namespace " + netns + ": " + std::strerror(errno);
        if (target >= 0)
        {
            close(target);
        }
        close(own);
        return -1;
    }
    close(target);
    *mtu = Mtu(name, error);
    int fd = *mtu < 0 ? -1 : Open(name, error);
    // Back home whatever happened: a thread left in the Linux side's namespace would make every
    // later socket of the program there.
    if (setns(own, CLONE_NEWNET) < 0)
    {
        *error = std::string("cannot return to the own network namespace: ") + std::strerror(errno);
        if (fd >= 0)
        {
            close(fd);
        }
        fd = -1;
    }
    close(own);
    return fd;
}

} // namespace ns3
