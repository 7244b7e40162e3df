// PrintableText: what an error line may quote of the user's input (issue 23).
#include "ns3/printable-text.h"

#include <gtest/gtest.h>

#include <string>

using namespace ns3;

TEST(PrintableText, EscapesControlCharactersAndBytesThatAreNotUtf8)
{
    EXPECT_EQ(PrintableText::Of("a\x1b[2Jb"), "a\\x1B[2Jb");
    EXPECT_EQ(PrintableText::Of(std::string("x\0y", 3)), "x\\x00y");
    EXPECT_EQ(PrintableText::Of("tab\there\r\n"), "tab\\there\\r\\n");
    EXPECT_EQ(PrintableText::Of("\x7f\xff\xc3"), "\\x7F\\xFF\\xC3");
    EXPECT_EQ(PrintableText::Of("\xed\xa0\x80"), "\\xED\\xA0\\x80") << "a UTF-16 surrogate is no UTF-8";
}

TEST(PrintableText, KeepsTextAsItIs)
{
    EXPECT_EQ(PrintableText::Of("ns3::UniformRandomVariable[Min=5|Max=100]"),
              "ns3::UniformRandomVariable[Min=5|Max=100]");
    EXPECT_EQ(PrintableText::Of("三次握手 C:\\dir"), "三次握手 C:\\dir");
    std::string once = PrintableText::Of("a\x01");
    EXPECT_EQ(PrintableText::Of(once), once) << "escaping twice changes nothing";
}

TEST(PrintableText, ShortensLongTextInTheMiddle)
{
    std::string text = "head" + std::string(1000, 'x') + "tail";
    std::string shown = PrintableText::Of(text, 40);
    EXPECT_EQ(shown.size(), 40u);
    EXPECT_EQ(shown.substr(0, 4), "head");
    EXPECT_EQ(shown.substr(shown.size() - 4), "tail");
    EXPECT_NE(shown.find("..."), std::string::npos);
    EXPECT_EQ(PrintableText::Of(std::string(40, 'y'), 40), std::string(40, 'y'));
}

TEST(PrintableText, TellsTextFromBinary)
{
    EXPECT_TRUE(PrintableText::IsText("clients = 3\n# 注释\r\n\tloss = 0\n"));
    EXPECT_FALSE(PrintableText::IsText(std::string("a\0b", 3)));
    EXPECT_FALSE(PrintableText::IsText("\x7f" "ELF"));
    EXPECT_FALSE(PrintableText::IsText("caf\xe9")) << "Latin-1 is not UTF-8";
}
