#include "linux-tap-file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
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

} // namespace ns3
