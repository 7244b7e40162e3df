// FlagSet, the one option parser of our programs: what it reports of the flags it holds, and a name
// that two parts of a program claim.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(FlagSet, ValuesAreTheFlagsAsTheyStandInTheHelpsOrder)
{
    std::string clients = "50";
    std::string config;
    bool csv = false;
    FlagSet flags;
    flags.Add("clients", "hosts", clients);
    flags.AddHandledBefore("config", "a file", config);
    flags.AddSwitch("csv", "tables as CSV", csv);
    csv = true;
    clients = "7";
    std::vector<std::pair<std::string, std::string>> expected{{"clients", "7"}, {"csv", "true"}};
    EXPECT_EQ(flags.Values(), expected);
    EXPECT_TRUE(flags.Has("csv"));
    EXPECT_FALSE(flags.Has("config")) << "handled before the parse: not a flag the parse sets";
    EXPECT_FALSE(flags.Has("ns3::TcpSocket::SegmentSize"));
}

TEST(FlagSet, InsertPutsAGroupInItsPlace)
{
    std::string a, b, c, d;
    FlagSet flags;
    flags.Add("a", "", a);
    flags.Add("d", "", d);
    FlagSet group;
    group.Add("b", "", b);
    group.Add("c", "", c);
    flags.Insert(1, group);
    std::vector<std::string> names;
    for (const auto& [name, value] : flags.Values())
    {
        names.push_back(name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d"}));
}

/** Two components claiming one flag would each think the value theirs: the program aborts when the
 *  flags are put together, naming the flag and both helps (issue 19). */
TEST(FlagSetDeathTest, ANameAddedTwiceAbortsNamingBoth)
{
    std::string first, second;
    EXPECT_DEATH(
        {
            FlagSet flags;
            flags.Add("drop", "segments to lose", first);
            FlagSet group;
            group.Add("drop", "a component's own", second);
            flags.Insert(0, group);
        },
        "--drop is added twice \\(\"segments to lose\" and \"a component's own\"\\)");
}
