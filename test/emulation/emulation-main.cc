// The emulation suite's main: these tests need root and /dev/net/tun (scripts/emu makes a network
// namespace and a tap). Without them every test exits 77, which ctest reports as skipped
// (SKIP_RETURN_CODE), with the reason on the output; listing the tests always works.
#include <gtest/gtest.h>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace handshake::test
{
void RegisterEmulationTests();
} // namespace handshake::test

namespace
{

/** Why emulation cannot run here, or empty when it can. */
std::string
WhyNot()
{
    if (geteuid() != 0)
    {
        return "not root (network namespaces and taps need root: run ctest as root)";
    }
    struct stat tun;
    if (stat("/dev/net/tun", &tun) != 0 || !S_ISCHR(tun.st_mode))
    {
        return "/dev/net/tun is missing (no tun/tap support)";
    }
    return "";
}

} // namespace

int
main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    handshake::test::RegisterEmulationTests();
    if (!testing::GTEST_FLAG(list_tests))
    {
        std::string reason = WhyNot();
        if (!reason.empty())
        {
            std::cout << "emulation tests skipped: " << reason << std::endl;
            return 77;
        }
    }
    return RUN_ALL_TESTS();
}
