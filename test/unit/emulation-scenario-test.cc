// EmulationScenario in-process, where it needs no tap: handshake-emu's error lines and exit
// statuses for bad flags, --write-body, and a tap that cannot be opened (nothing written under
// --out). The runs through a real tap are test/emulation/'s (root, real time).
#include "ns3/emulation-scenario.h"
#include "ns3/handshake-scenario.h"
#include "ns3/http-body-generator.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include "program-arguments.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** An attribute's default as it stands, put back as the very same value object: our TCP tells a
 *  default the program set from the shipped one by that object (HandshakeTcpSocket::IsExplicit). */
class SavedDefault
{
  public:
    SavedDefault(const std::string& type, const std::string& name)
        : m_type(TypeId::LookupByName(type))
    {
        for (m_index = 0; m_index < m_type.GetAttributeN(); ++m_index)
        {
            if (m_type.GetAttribute(m_index).name == name)
            {
                m_value = m_type.GetAttribute(m_index).initialValue;
                return;
            }
        }
        ADD_FAILURE() << type << " has no attribute " << name;
    }

    ~SavedDefault()
    {
        if (m_value)
        {
            m_type.SetAttributeInitialValue(m_index, m_value);
        }
    }

  private:
    TypeId m_type;
    std::size_t m_index{0};
    Ptr<const AttributeValue> m_value;
};

/**
 * Main binds the real-time simulator and checksums, and (once its flags are valid) sets the TCPs'
 * SegmentSize and our MSL: each test puts them back, for the tests after it in this process.
 */
class EmulationScenarioTest : public testing::Test
{
  protected:
    void SetUp() override
    {
        GlobalValue::GetValueByName("SimulatorImplementationType", m_simulator);
        GlobalValue::GetValueByName("ChecksumEnabled", m_checksums);
    }

    void TearDown() override
    {
        GlobalValue::Bind("SimulatorImplementationType", m_simulator);
        GlobalValue::Bind("ChecksumEnabled", m_checksums);
    }

    /** Runs \p scenario with \p flags; its exit status, and in \p error what it wrote on stderr. */
    static int Run(EmulationScenario& scenario,
                   const std::vector<std::string>& flags,
                   std::string* error)
    {
        ProgramArguments command("handshake-emu", flags);
        testing::internal::CaptureStderr();
        int status = scenario.Main(command.Argc(), command.Argv());
        *error = testing::internal::GetCapturedStderr();
        return status;
    }

  private:
    StringValue m_simulator;
    BooleanValue m_checksums;
    SavedDefault m_segmentSize{"ns3::TcpSocket", "SegmentSize"};
    SavedDefault m_msl{"ns3::HandshakeTcpSocket", "Msl"};
};

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool
Exists(const std::string& path)
{
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

} // namespace

TEST_F(EmulationScenarioTest, InvalidFlagIsOneLineNamedByTheProgramAndExit2)
{
    EmulationScenario scenario;
    std::string error;
    EXPECT_EQ(Run(scenario, {"--mode=linux-client", "--loss=1.5"}, &error), 2);
    EXPECT_EQ(error, "handshake-emu: --loss: '1.5' is not a probability in [0, 1]\n");
    EXPECT_TRUE(scenario.GetSummary().empty());

    EmulationScenario named("my-emu");
    EXPECT_EQ(Run(named, {"--mode=x"}, &error), 2);
    EXPECT_EQ(error, "my-emu: --mode: 'x' is not one of linux-client, linux-server\n");
}

TEST_F(EmulationScenarioTest, FlagErrorsQuoteTheInputEscapedAndShortened)
{
    EmulationScenario control;
    std::string error;
    EXPECT_EQ(Run(control, {std::string("--mode=a\x01") + "b"}, &error), 2);
    EXPECT_EQ(error, "handshake-emu: --mode: 'a\\x01b' is not one of linux-client, linux-server\n");

    EmulationScenario longer;
    EXPECT_EQ(Run(longer, {"--mode=" + std::string(600, 'x')}, &error), 2);
    // Shortened in the middle of the value, as handshake-sim's lines.
    EXPECT_EQ(error.size(),
              std::string("handshake-emu: ").size() + HandshakeScenario::ERROR_LINE_LIMIT + 1)
        << error;
    EXPECT_EQ(error.rfind("handshake-emu: --mode: 'xxx", 0), 0u) << error;
    EXPECT_NE(error.find("x...x"), std::string::npos) << error;
    const std::string end = "xx' is not one of linux-client, linux-server\n";
    EXPECT_EQ(error.compare(error.size() - end.size(), end.size(), end), 0) << error;
}

TEST_F(EmulationScenarioTest, WriteBodyWritesTheFileAndExits0WithoutARun)
{
    std::string path = testing::TempDir() + "emulation-scenario-body";
    std::remove(path.c_str());
    EmulationScenario scenario;
    std::string error;
    EXPECT_EQ(Run(scenario, {"--write-body=" + path, "--size=70000"}, &error), 0);
    EXPECT_EQ(error, "");
    std::string body = ReadFile(path);
    ASSERT_EQ(body.size(), 70000u); // the bytes themselves: write-http-body-test.cc
    EXPECT_EQ(uint8_t(body[69999]), HttpBodyGenerator("/bytes/70000").ByteAt(69999));
    EXPECT_TRUE(scenario.GetSummary().empty()) << "no run";
    std::remove(path.c_str());
}

TEST_F(EmulationScenarioTest, WriteBodyThatCannotBeWrittenIsExit2)
{
    EmulationScenario scenario;
    std::string error;
    EXPECT_EQ(Run(scenario, {"--write-body=/nonexistent-folder/body", "--size=10"}, &error), 2);
    EXPECT_EQ(error, "handshake-emu: --write-body: cannot write /nonexistent-folder/body\n");
}

TEST_F(EmulationScenarioTest, TapThatCannotBeOpenedIsExit1AndNothingIsWritten)
{
    std::string out = testing::TempDir() + "emulation-scenario-no-tap";
    EmulationScenario scenario;
    std::string error;
    EXPECT_EQ(Run(scenario,
                  {"--mode=linux-client", "--tap=a-name-too-long-for-linux", "--out=" + out},
                  &error),
              1);
    EXPECT_EQ(error,
              "handshake-emu: --tap: tap name 'a-name-too-long-for-linux' must have 1 to 15 "
              "characters\n");
    EXPECT_FALSE(Exists(out)) << "the tap comes before --out";
    EXPECT_EQ(scenario.GetOptions().mss, 1460u);
}
