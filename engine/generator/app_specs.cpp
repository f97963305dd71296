#include "engine/generator/app_specs.h"

#include <initializer_list>

namespace flowcnn::generator::detail {
namespace {

// Client indices used in the application tables below.
enum : int {
    kChrome, kFirefox, kSafari, kIe11, kOkHttp, kKakaoSdk, kCronet, kBaiduSdk, kWhale, kEdge, kNateApp, kNaverApp,
    kDaumApp
};

// Chrome's TLS stack, shared by Chrome and Cronet.
std::vector<std::uint16_t> chrome_suites() {
    return {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
            0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
}

std::vector<std::uint16_t> chrome_ext() {
    return {kGreaseExt, 0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010,     0x0005,
            0x000d,     0x0012, 0x0033, 0x002d, 0x002b, 0x001b, 0x4469, kGreaseExt, 0x0015};
}

std::vector<std::uint16_t> chrome_sigalgs() {
    return {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
}

// Browsers on Windows and iOS.
void add_browsers(std::vector<ClientSpec>& c) {
    c.push_back({"chrome-windows", ClientOs::Windows, HeaderStyle::Chrome, 0x0301, true, true, true, true,
                 chrome_suites(), chrome_ext(), {0x001d, 0x0017, 0x0018}, {0x001d}, chrome_sigalgs(),
                 {0x0304, 0x0303, 0x0302, 0x0301}, {"h2", "http/1.1"},
                 {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/72.0.3626.121 Safari/537.36",
                  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/73.0.3683.86 Safari/537.36",
                  "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/72.0.3626.119 Safari/537.36"}});
    c.push_back({"firefox-windows", ClientOs::Windows, HeaderStyle::Firefox, 0x0301, false, true, true, false,
                 {0x1301, 0x1303, 0x1302, 0xc02b, 0xc02f, 0xcca9, 0xcca8, 0xc02c, 0xc030, 0xc00a, 0xc009, 0xc013,
                  0xc014, 0x0033, 0x0039, 0x002f, 0x0035, 0x000a},
                 {0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005, 0x0033, 0x002b, 0x000d, 0x002d,
                  0x001c, 0x0015},
                 {0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101}, {0x001d, 0x0017},
                 {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201},
                 {0x0304, 0x0303, 0x0302, 0x0301}, {"h2", "http/1.1"},
                 {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101 Firefox/65.0",
                  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:66.0) Gecko/20100101 Firefox/66.0"}});
    c.push_back({"safari-ios", ClientOs::Ios, HeaderStyle::Safari, 0x0301, true, true, true, false,
                 {0x1301, 0x1302, 0x1303, 0xc02c, 0xc02b, 0xc024, 0xc023, 0xc00a, 0xc009, 0xcca9, 0xc030, 0xc02f,
                  0xc028, 0xc027, 0xc014, 0xc013, 0xcca8, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f},
                 {kGreaseExt, 0xff01, 0x0000, 0x0017, 0x000d, 0x0005, 0x0012, 0x0010, 0x000b, 0x0033, 0x002d,
                  0x002b, 0x000a, kGreaseExt, 0x0015},
                 {0x001d, 0x0017, 0x0018, 0x0019}, {0x001d},
                 {0x0403, 0x0804, 0x0401, 0x0503, 0x0203, 0x0805, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201},
                 {0x0304, 0x0303, 0x0302, 0x0301}, {"h2", "h2-16", "h2-15", "h2-14", "spdy/3.1", "spdy/3", "http/1.1"},
                 {"Mozilla/5.0 (iPhone; CPU iPhone OS 12_1_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                  "Gecko) Version/12.0 Mobile/15E148 Safari/604.1",
                  "Mozilla/5.0 (iPhone; CPU iPhone OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                  "Version/12.1 Mobile/15E148 Safari/604.1"}});
    c.push_back({"ie11-windows", ClientOs::Windows, HeaderStyle::InternetExplorer, 0x0303, false, false, true,
                 false,
                 {0xc02c, 0xc02b, 0xc030, 0xc02f, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a, 0xc009, 0xc014, 0xc013,
                  0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x000a},
                 {0x0000, 0x0005, 0x000a, 0x000b, 0x000d, 0x0023, 0x0010, 0x0017, 0xff01},
                 {0x001d, 0x0017, 0x0018}, {}, {0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503,
                                                 0x0203, 0x0202, 0x0601, 0x0603},
                 {}, {"h2", "http/1.1"},
                 {"Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
                  "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko"}});
}

// The network stacks of Android SDKs.
void add_sdk_clients(std::vector<ClientSpec>& c) {
    c.push_back({"okhttp-android", ClientOs::Android, HeaderStyle::OkHttp, 0x0301, false, true, false, false,
                 {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02c, 0xcca9, 0xc02f, 0xc030, 0xcca8, 0xc013, 0xc014, 0x009c,
                  0x009d, 0x002f, 0x0035},
                 {0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005, 0x000d, 0x0033, 0x002d, 0x002b},
                 {0x001d, 0x0017, 0x0018}, {0x001d}, {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
                                                      0x0201},
                 {0x0304, 0x0303, 0x0302, 0x0301}, {"h2", "http/1.1"}, {"okhttp/3.12.1", "okhttp/3.11.0"}});
    c.push_back({"kakao-sdk-android", ClientOs::Android, HeaderStyle::OkHttp, 0x0301, false, false, false, false,
                 {0xc02f, 0xc030, 0xc02b, 0xc02c, 0x009e, 0x009f, 0xc013, 0xc014, 0x0033, 0x0039, 0x009c, 0x002f},
                 {0x0000, 0x000b, 0x000a, 0x0023, 0x000d, 0x0017, 0xff01},
                 {0x0017, 0x0018, 0x0019}, {}, {0x0601, 0x0603, 0x0501, 0x0503, 0x0401, 0x0403, 0x0201, 0x0203},
                 {}, {}, {}});
    c.push_back({"cronet-android", ClientOs::Android, HeaderStyle::Cronet, 0x0301, true, true, false, false,
                 chrome_suites(),
                 {kGreaseExt, 0xff01, 0x0000, 0x0017, 0x0023, 0x000d, 0x0005, 0x0012, 0x0010, 0x000b, 0x0033,
                  0x002d, 0x002b, 0x000a, kGreaseExt},
                 {0x001d, 0x0017, 0x0018}, {0x001d}, chrome_sigalgs(), {0x0304, 0x0303}, {"h2", "http/1.1"}, {}});
    c.push_back({"baidu-sdk-android", ClientOs::Android, HeaderStyle::WebView, 0x0303, false, false, true, false,
                 {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x009d,
                  0x002f, 0x0035, 0x000a},
                 {0x0000, 0x000b, 0x000a, 0x0023, 0x0010, 0x0017, 0x000d, 0xff01},
                 {0x0017, 0x0018, 0x001d}, {}, {0x0601, 0x0501, 0x0401, 0x0403, 0x0503, 0x0603, 0x0201}, {},
                 {"http/1.1"}, {}});
}

// The stacks of single applications (Whale, Edge and the portal apps).
void add_app_clients(std::vector<ClientSpec>& c) {
    // Naver's Whale is Chromium: Chrome's TLS stack and header order, its own User-Agent.
    ClientSpec whale = c[kChrome];
    whale.name = "whale-windows";
    whale.user_agents = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/72.0.3626.121 Whale/1.5.72.6 Safari/537.36"};
    c.push_back(whale);
    // Edge 18 (EdgeHTML, Schannel on Windows 10): Bing's users mostly reach it from the default
    // browser. TLS 1.2 only, its own suite and extension order.
    c.push_back({"edge18-windows", ClientOs::Windows, HeaderStyle::InternetExplorer, 0x0303, false, false, true,
                 false,
                 {0xc030, 0xc02f, 0xc028, 0xc027, 0xc014, 0xc013, 0x009f, 0x009e, 0xc02c, 0xc02b, 0xc024, 0xc023,
                  0xc00a, 0xc009, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f},
                 {0x0000, 0x0005, 0x000a, 0x000b, 0x000d, 0x0023, 0x0010, 0x0017, 0x0018, 0xff01},
                 {0x001d, 0x0017, 0x0018}, {}, {0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503,
                                                 0x0203, 0x0202, 0x0601, 0x0603},
                 {}, {"h2", "http/1.1"},
                 {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763",
                  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/64.0.3282.140 Safari/537.36 Edge/17.17134"}});
    // The Nate app (Android, an older bundled OpenSSL): TLS 1.2, no ALPN, SHA-1 suites early.
    c.push_back({"nate-app-android", ClientOs::Android, HeaderStyle::OkHttp, 0x0301, false, false, false, false,
                 {0xc014, 0xc00a, 0x0039, 0x0038, 0xc02c, 0xc030, 0x009f, 0xc013, 0xc009, 0x0033, 0x0032, 0xc02b,
                  0xc02f, 0x009e, 0x0035, 0x002f, 0x000a, 0x00ff},
                 {0x0000, 0x000b, 0x000a, 0x0023, 0x000d, 0x000f},
                 {0x0017, 0x0019, 0x0018, 0x0016}, {}, {0x0601, 0x0602, 0x0603, 0x0501, 0x0502, 0x0503, 0x0401,
                                                        0x0402, 0x0403, 0x0301, 0x0302, 0x0303, 0x0201, 0x0202,
                                                        0x0203},
                 {}, {}, {"NateApp/5.2.1 (Android 9; SM-G960N; ko_KR) okhttp/3.10.0"}});
    // The Naver app (Android, its own Chromium-derived network stack, no GREASE).
    c.push_back({"naver-app-android", ClientOs::Android, HeaderStyle::WebView, 0x0301, false, true, true, false,
                 {0x1301, 0x1303, 0x1302, 0xcca9, 0xcca8, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc00a,
                  0xc014, 0x009c, 0x009d, 0x002f, 0x0035},
                 {0xff01, 0x0000, 0x0017, 0x0010, 0x000b, 0x000a, 0x0023, 0x0005, 0x000d, 0x0012, 0x002b, 0x002d,
                  0x0033, 0x001c},
                 {0x001d, 0x0017, 0x0018}, {0x001d}, {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401,
                                                      0x0501, 0x0601},
                 {0x0304, 0x0303}, {"h2", "http/1.1"}, {}});
    // The Daum app (Android) bundles an older OkHttp (3.9, MODERN_TLS): TLS 1.2 only, no TLS 1.3
    // suites, so its hellos differ from the current OkHttp that other apps on the phone use.
    c.push_back({"daum-app-android", ClientOs::Android, HeaderStyle::OkHttp, 0x0301, false, false, false, false,
                 {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
                  0x000a},
                 {0xff01, 0x0000, 0x0017, 0x0023, 0x000d, 0x0005, 0x0010, 0x000b, 0x000a},
                 {0x001d, 0x0017, 0x0018}, {}, {0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0201, 0x0203},
                 {}, {"h2", "http/1.1"}, {}});
}

// In the order of the client indices above.
std::vector<ClientSpec> make_clients() {
    std::vector<ClientSpec> c;
    add_browsers(c);
    add_sdk_clients(c);
    add_app_clients(c);
    return c;
}

// A capture of one application comes from the device running that application: its own client
// (SDK, or the browser its users favour) opens 99 of 100 flows; the rest come from shared clients
// (other software on the device), told apart only by server name and the server's answer.
std::vector<int> mix(int dominant, std::initializer_list<int> others) {
    std::vector<int> v(99, dominant);
    v.insert(v.end(), others.begin(), others.end());
    return v;
}

AppSpec make_baidu() {
    AppSpec a{};
    a.name = "Baidu";
    a.https_share = 0.611;
    a.tls_hosts = {{"www.baidu.com", 8}, {"m.baidu.com", 4}, {"sp0.baidu.com", 3}, {"ss1.bdstatic.com", 3},
                   {"hm.baidu.com", 2},  {"passport.baidu.com", 1}, {"sug.so.360.cn", 1}, {"dss0.bdstatic.com", 2},
                   {"zhidao.baidu.com", 1}, {"tieba.baidu.com", 1}};
    a.http_hosts = {{"www.baidu.com", 6}, {"image.baidu.com", 2}, {"news.baidu.com", 2}, {"tieba.baidu.com", 2},
                    {"t10.baidu.com", 2}, {"hm.baidu.com", 1}, {"nsclick.baidu.com", 1}};
    a.http_paths = {{"/s?ie=utf-8&f=8&rsv_bp=1&tn=baidu&wd={q}&rsv_pq={hex16}&rsv_t={alnum44}", Kind::Document, 6},
                    {"/", Kind::Document, 2},
                    {"/sugrec?prod=pc_his&from=pc_web&json=1&sid={num5}_{num5}&hisdata=&_t={ts13}", Kind::Json, 3},
                    {"/it/u={num10},{num9}&fm=26&gp=0.jpg", Kind::Image, 3},
                    {"/hm.js?{hex32}", Kind::Script, 1},
                    {"/v.gif?pid=201&pj=www&rsv_sid={num5}&ts={ts13}", Kind::Beacon, 1},
                    {"/static/superman/css/ubase_{hex8}.css", Kind::Css, 1}};
    a.clients = mix(kBaiduSdk, {kChrome});
    a.request_headers = {"X-Requested-With: com.baidu.searchbox"};
    a.app_agents = {"Mozilla/5.0 (Linux; Android 9; MI 8 Build/PKQ1.180729.001; wv) AppleWebKit/537.36 (KHTML, like "
                    "Gecko) Version/4.0 Chrome/66.0.3359.126 Mobile Safari/537.36 baiduboxapp/11.5.0.10 (Baidu; P1 9)"};
    a.servers = {"BWS/1.1", "bfe/1.0.8.18", "Apache", "nginx"};
    a.extra_headers = {"Bdpagetype: 1", "Bdqid: 0x{hex16}", "X-Ua-Compatible: IE=Edge,chrome=1",
                       "Strict-Transport-Security: max-age=172800"};
    a.cookies = {"BAIDUID={HEX32}:FG=1; BIDUPSID={HEX32}; PSTM={ts10}; BD_UPN=12314753",
                 "BAIDUID={HEX32}:FG=1; H_PS_PSSID={num5}_{num4}_{num5}; BDORZ=B490B5EBF6F3CD402E515D22BCDA1598"};
    a.set_cookies = {"BDSVRTM=0; path=/", "BD_HOME=0; path=/", "H_PS_PSSID={num5}_{num4}; path=/; domain=.baidu.com"};
    a.languages = {"zh-CN,zh;q=0.9", "zh-CN,zh;q=0.9,en;q=0.8", "ko-KR,ko;q=0.9,zh-CN;q=0.8,zh;q=0.7"};
    a.html_lang = "zh-CN";
    a.title = "百度一下，你就知道";
    a.static_base = "//ss1.bdstatic.com/5eN1bjq8AAUYm2zgoY3K";
    a.words = {"百度", "搜索", "新闻", "贴吧", "知道", "音乐", "图片", "视频", "地图", "文库", "s_tab", "result",
               "c-container", "head_wrapper", "s_form", "bdsug", "hao123"};
    a.queries = {"天气", "百度翻译", "韩国", "首尔 旅游", "nba", "手机", "电影", "china daily", "股票", "新闻"};
    a.json_head = "{\"err_no\":0,\"errmsg\":\"\",\"queryid\":\"0x{hex16}\",\"g\":[";
    a.json_item = "{\"type\":\"his_normal\",\"sa\":\"h_{num1}\",\"q\":\"{word}{word}\"}";
    a.json_tail = "]}";
    a.cert_cn = "baidu.com";
    a.cert_sans = {"baidu.com", "*.baidu.com", "*.bdstatic.com", "*.hao123.com", "*.baidu.cn", "*.bdimg.com"};
    a.issuer_cn = "GlobalSign Organization Validation CA - SHA256 - G2";
    a.issuer_org = "GlobalSign nv-sa";
    a.root_cn = "GlobalSign Root CA";
    a.tls13_share = 0.0;
    a.server_suites12 = {0xc02f, 0xc030, 0xc02b, 0x009c};
    a.h2 = false;
    a.response_lo = 400;
    a.response_hi = 40000;
    a.rtt_lo_ms = 45;
    a.rtt_hi_ms = 110;
    a.v4a = 180;
    a.v4b = 101;
    a.v6 = 0x0b10;
    return a;
}

AppSpec make_bing() {
    AppSpec a{};
    a.name = "Bing";
    a.https_share = 0.278;
    a.tls_hosts = {{"www.bing.com", 10}, {"th.bing.com", 3}, {"login.live.com", 1}, {"r.bing.com", 2},
                   {"tse1.mm.bing.net", 2}, {"c.bing.com", 1}, {"sb.scorecardresearch.com", 1}};
    a.http_hosts = {{"www.bing.com", 8}, {"tse1.mm.bing.net", 3}, {"tse2.mm.bing.net", 2}, {"c.bing.com", 2},
                    {"cn.bing.com", 2}, {"www.msn.com", 1}};
    a.http_paths = {{"/search?q={q}&form=QBLH&sp=-1&pq={q}&sc=8-{num1}&qs=n&sk=&cvid={HEX32}", Kind::Document, 6},
                    {"/", Kind::Document, 1},
                    {"/th?id=OIP.{alnum22}&w={num3}&h={num3}&c=7&pid=1.7", Kind::Image, 4},
                    {"/AS/Suggestions?pt=page.home&mkt=ko-kr&qry={q}&cp=2&cvid={HEX32}", Kind::Json, 2},
                    {"/fd/ls/l?IG={HEX32}&Type=Event.CPT&DATA={num3}", Kind::Beacon, 2},
                    {"/rb/3W/cir3,ortl,cc,nc/{alnum27}.css?bu=Az{alnum20}", Kind::Css, 1},
                    {"/rp/{alnum27}.js", Kind::Script, 1}};
    a.clients = mix(kEdge, {kIe11});
    a.servers = {"Microsoft-IIS/10.0", "Microsoft-HTTPAPI/2.0"};
    a.extra_headers = {"X-MSEdge-Ref: Ref A: {HEX32} Ref B: SELEDGE{num4} Ref C: 2019-03-0{num1}T0{num1}:{num2}Z",
                       "X-Cache: CONFIG_NOCACHE", "P3P: CP=\"NON UNI COM NAV STA LOC CURa DEVa PSAa PSDa OUR IND\"",
                       "Vary: Accept-Encoding"};
    a.cookies = {"MUID={HEX32}; SRCHD=AF=NOFORM; SRCHUID=V=2&GUID={HEX32}&dmnchg=1; _EDGE_V=1",
                 "MUID={HEX32}; _EDGE_S=F=1&SID={HEX32}; SRCHUSR=DOB=2019030{num1}&T={ts13}"};
    a.set_cookies = {"SRCHHPGUSR=CW=1263&CH={num3}&DPR=1&UTC=540; domain=.bing.com; expires=Mon, 29-Mar-2021 "
                     "08:00:00 GMT; path=/",
                     "_SS=SID={HEX32}; domain=.bing.com; path=/"};
    a.languages = {"en-US,en;q=0.9", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "en-US,en;q=0.5"};
    a.html_lang = "en";
    a.title = "Bing";
    a.static_base = "//www.bing.com/rp";
    a.words = {"b_results", "b_algo", "b_caption", "b_attribution", "Web", "Images", "Videos", "Maps", "News",
               "Microsoft", "Rewards", "sb_form", "b_pag", "Sign in"};
    a.queries = {"weather", "translate", "seoul", "microsoft", "news", "facebook", "날씨", "youtube", "maps"};
    a.json_head = "{\"AS\":{\"Query\":\"{word}\",\"FullResults\":1,\"Results\":[{\"Type\":\"AS\",\"Suggests\":[";
    a.json_item = "{\"Txt\":\"{word} {word}\",\"Type\":\"AS\",\"Sk\":\"AS{num1}\",\"HCS\":{num3}}";
    a.json_tail = "]}]}}";
    a.cert_cn = "www.bing.com";
    a.cert_sans = {"www.bing.com", "dict.bing.com.cn", "*.platform.bing.com", "*.bing.com", "bing.com",
                   "ieonline.microsoft.com", "*.windowssearch.com", "*.mm.bing.net"};
    a.issuer_cn = "Microsoft IT TLS CA 5";
    a.issuer_org = "Microsoft Corporation";
    a.root_cn = "Baltimore CyberTrust Root";
    a.tls13_share = 0.0;
    a.server_suites12 = {0xc030, 0xc02f, 0xc028, 0xc027};
    a.h2 = true;
    a.response_lo = 300;
    a.response_hi = 60000;
    a.rtt_lo_ms = 30;
    a.rtt_hi_ms = 90;
    a.v4a = 204;
    a.v4b = 79;
    a.v6 = 0x0f00;
    return a;
}

AppSpec make_daum() {
    AppSpec a{};
    a.name = "Daum";
    a.https_share = 0.685;
    a.tls_hosts = {{"www.daum.net", 8}, {"m.daum.net", 4}, {"search.daum.net", 4}, {"t1.daumcdn.net", 3},
                   {"logins.daum.net", 1}, {"media.daum.net", 2}, {"tv.kakao.com", 1}, {"aem-kakao-collector.onkakao.net", 1}};
    a.http_hosts = {{"www.daum.net", 4}, {"search.daum.net", 4}, {"t1.daumcdn.net", 3}, {"img1.daumcdn.net", 3},
                    {"media.daum.net", 2}, {"cafe.daum.net", 2}, {"s1.daumcdn.net", 1}};
    a.http_paths = {{"/search?w=tot&DA=YZR&t__nil_searchbox=btn&sug=&sugo=&q={q}", Kind::Document, 5},
                    {"/", Kind::Document, 2},
                    {"/thumb/R658x0.q70/?fname=http%3A%2F%2Ft1.daumcdn.net%2Fnews%2F2019030{num1}%2F{hex16}.jpg",
                     Kind::Image, 4},
                    {"/daumtop_chanel/op/20170315064553027.png", Kind::Image, 1},
                    {"/svc/original/U03/cssjs/jquery/jquery-1.11.0.js", Kind::Script, 1},
                    {"/suggest?mod=json&code=utf_in_out&enc=utf&id=notice&cate=total&q={q}", Kind::Json, 2},
                    {"/cafe/{word}/{num6}", Kind::Document, 1}};
    a.clients = mix(kDaumApp, {kChrome});
    a.app_agents = {"DaumApps/6.5.5 (Android 9; SM-G965N; ko_KR) okhttp/3.9.1"};
    a.request_headers = {"X-Requested-With: net.daum.android.daum"};
    a.servers = {"nginx", "Apache", "daumkit"};
    a.extra_headers = {"X-UA-Compatible: IE=edge", "P3P: CP=\"ALL CURa ADMa DEVa TAIa OUR BUS IND PHY ONL UNI COM "
                       "NAV INT DEM PRE\"", "Cache-Control: no-cache, no-store, must-revalidate"};
    a.cookies = {"webid={b6422}; webid_ts={ts13}; TIARA={alnum40}; UUID={alnum30}",
                 "webid={b6422}; ALID={alnum56}; _T_ANO={alnum80}"};
    a.set_cookies = {"webid={b6422}; Domain=daum.net; Expires=Thu, 01-Mar-2029 00:00:00 GMT; Path=/; HttpOnly",
                     "SLEVEL=1; Domain=daum.net; Path=/"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko-KR", "ko-KR,ko;q=0.8,en-US;q=0.5,en;q=0.3"};
    a.html_lang = "ko";
    a.title = "Daum";
    a.static_base = "//t1.daumcdn.net/daumtop_deco";
    a.words = {"다음", "뉴스", "카페", "메일", "쇼핑", "실시간", "이슈", "검색", "스포츠", "연예", "kakao", "link_txt",
               "wrap_search", "box_g", "tit_g", "ico_pctop"};
    a.queries = {"날씨", "미세먼지", "로또", "환율", "카카오", "다음 카페", "부동산", "축구", "영화 순위"};
    a.json_head = "{\"q\":\"{word}\",\"subkeys\":[";
    a.json_item = "{\"keyword\":\"{word} {word}\",\"highlighted\":\"{word}\",\"link\":\"\"}";
    a.json_tail = "],\"status\":\"ok\"}";
    a.cert_cn = "*.daum.net";
    a.cert_sans = {"*.daum.net", "daum.net", "*.daumcdn.net", "*.kakao.com"};
    a.issuer_cn = "Thawte RSA CA 2018";
    a.issuer_org = "DigiCert Inc";
    a.root_cn = "DigiCert Global Root CA";
    a.tls13_share = 0.5;
    a.server_suites12 = {0xc02f, 0xc030, 0x009e, 0xc02b};
    a.suite13 = 0x1302;
    a.h2 = true;
    a.response_lo = 500;
    a.response_hi = 50000;
    a.rtt_lo_ms = 3;
    a.rtt_hi_ms = 15;
    a.v4a = 211;
    a.v4b = 231;
    a.v6 = 0x0d40;
    return a;
}

AppSpec make_google() {
    AppSpec a{};
    a.name = "Google";
    a.https_share = 0.921;
    a.tls_hosts = {{"www.google.com", 10}, {"www.google.co.kr", 5}, {"apis.google.com", 2}, {"www.gstatic.com", 3},
                   {"ssl.gstatic.com", 2}, {"fonts.gstatic.com", 1}, {"lh3.googleusercontent.com", 2},
                   {"adservice.google.com", 1}, {"clients1.google.com", 2}, {"ogs.google.com", 1}};
    a.http_hosts = {{"www.google.com", 4}, {"www.google.co.kr", 3}, {"clients1.google.com", 2},
                    {"connectivitycheck.gstatic.com", 2}, {"ocsp.pki.goog", 2}};
    a.http_paths = {{"/search?q={q}&oq={q}&aqs=chrome..69i57j0l5.{num4}j0j7&sourceid=chrome&ie=UTF-8",
                     Kind::Document, 5},
                    {"/complete/search?client=psy-ab&hl=ko&gs_rn=64&gs_ri=psy-ab&cp=3&gs_id={num1}&q={q}&xhr=t",
                     Kind::Json, 3},
                    {"/generate_204", Kind::Beacon, 2},
                    {"/GTSGIAG3/ME4wTDBKMEgwRjAJBgUrDgMCGgUABBR{alnum40}", Kind::Beacon, 1},
                    {"/images/branding/googlelogo/2x/googlelogo_color_272x92dp.png", Kind::Image, 2},
                    {"/xjs/_/js/k=xjs.s.ko.{alnum11}.O/m=Fkg7bd,HcFEGb,IvlUe/rt=j/d=1", Kind::Script, 1}};
    a.clients = mix(kChrome, {kSafari});
    a.request_headers = {"X-Client-Data: CIe2yQEIpLbJAQjBtskBCKmdygEIqKPKAQi{b6416}"};
    a.servers = {"gws", "sffe", "ESF", "GSE"};
    a.extra_headers = {"X-XSS-Protection: 0", "X-Frame-Options: SAMEORIGIN",
                       "P3P: CP=\"This is not a P3P policy! See g.co/p3phelp for more info.\"",
                       "Alt-Svc: quic=\":443\"; ma=2592000; v=\"46,44,43,39\""};
    a.cookies = {"1P_JAR=2019-03-0{num1}-0{num1}; NID=162={b64150}",
                 "CONSENT=YES+KR.ko+; NID=162={b64150}; 1P_JAR=2019-03-0{num1}-{num2}"};
    a.set_cookies = {"1P_JAR=2019-03-0{num1}-0{num1}; expires=Sun, 07-Apr-2019 00:00:00 GMT; path=/; "
                     "domain=.google.com",
                     "NID=162={b64150}; expires=Sat, 07-Sep-2019 00:00:00 GMT; path=/; domain=.google.com; HttpOnly"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "en-US,en;q=0.9", "ko,en-US;q=0.9,en;q=0.8"};
    a.html_lang = "ko";
    a.title = "Google";
    a.static_base = "//www.gstatic.com/og/_/js";
    a.words = {"Google", "검색", "gb_", "rc", "srg", "iUh30", "LC20lb", "st", "hdtb-mitem", "Gmail", "이미지",
               "jsname", "data-ved", "fbar"};
    a.queries = {"날씨", "translate", "python", "seoul", "google maps", "환율", "youtube", "gmail", "covid"};
    a.json_head = ")]}'\n[\"{word}\",[";
    a.json_item = "[\"{word} {word}\",0,[{num3}]]";
    a.json_tail = "],{\"q\":\"{alnum27}\",\"t\":{\"bpc\":false,\"tlw\":false}}]";
    a.cert_cn = "www.google.com";
    a.cert_sans = {"www.google.com", "*.google.com", "*.google.co.kr", "*.gstatic.com", "*.googleapis.com",
                   "*.googleusercontent.com"};
    a.issuer_cn = "Google Internet Authority G3";
    a.issuer_org = "Google Trust Services";
    a.root_cn = "GlobalSign";
    a.tls13_share = 1.0;
    a.server_suites12 = {0xc02b, 0xcca9, 0xc02f, 0xcca8};
    a.h2 = true;
    a.response_lo = 300;
    a.response_hi = 80000;
    a.rtt_lo_ms = 30;
    a.rtt_hi_ms = 60;
    a.v4a = 172;
    a.v4b = 217;
    a.v6 = 0x4004;
    return a;
}

AppSpec make_kakaotalk() {
    AppSpec a{};
    a.name = "Kakaotalk";
    a.https_share = 0.628;
    a.tls_hosts = {{"talk-pilsner.kakao.com", 3}, {"katalk.kakao.com", 6}, {"item.kakaocdn.net", 3},
                   {"dn-m.talk.kakao.com", 3}, {"talk-plus.kakao.com", 2}, {"gift-talk.kakao.com", 1},
                   {"t1.daumcdn.net", 1}, {"kauth.kakao.com", 1}};
    a.http_hosts = {{"dn-m.talk.kakao.com", 4}, {"dn.talk.kakao.com", 3}, {"item-kr.talk.kakao.co.kr", 3},
                    {"mud-kage.kakao.com", 3}, {"t1.daumcdn.net", 1}};
    a.http_paths = {{"/talkm/{alnum10}/{alnum22}/i_{hex12}.jpg", Kind::Image, 5},
                    {"/dn/{alnum10}/{alnum22}/{alnum22}/img_xl.jpg", Kind::Image, 3},
                    {"/android/talk/profile/get.json?userId={num9}&os=android&v={num1}", Kind::Json, 3},
                    {"/emoticon/item/{num7}/thum_{num3}.png", Kind::Image, 2},
                    {"/android/account/more_settings.json?os_version=28&model=SM-G960N&since={ts10}", Kind::Json, 2},
                    {"/android/chats/open_link/list.json?token={hex32}", Kind::Json, 1}};
    a.clients = mix(kKakaoSdk, {kOkHttp});
    a.request_headers = {"A: android/8.3.0/ko", "C: {hex8}-{hex4}-{hex4}-{hex4}-{hex12}"};
    a.app_agents = {"KT/8.3.0 An/9 ko", "KT/8.2.5 An/8.0.0 ko", "KT/8.3.0 Ip/12.1.4 ko"};
    a.servers = {"nginx", "Apache", "kage"};
    a.extra_headers = {"X-Content-Type-Options: nosniff", "X-Kage-Id: {hex16}", "Access-Control-Allow-Origin: *"};
    a.cookies = {"_kadu={alnum24}_{ts13}; _kahai={alnum30}", "_T_ANO={alnum80}"};
    a.set_cookies = {"_kawlt={alnum40}; Domain=kakao.com; Path=/; Secure; HttpOnly"};
    a.languages = {"ko-KR", "ko", "ko-KR,en-US;q=0.8"};
    a.html_lang = "ko";
    a.title = "카카오톡";
    a.static_base = "//t1.kakaocdn.net/kakaocorp";
    a.words = {"카카오톡", "친구", "채팅", "선물하기", "이모티콘", "프로필", "chatId", "userId", "talk", "openlink",
               "kakao", "friends"};
    a.queries = {"카카오톡", "이모티콘", "선물"};
    a.json_head = "{\"status\":0,\"revision\":{num5},\"list\":[";
    a.json_item = "{\"userId\":{num9},\"nickName\":\"{word}\",\"profileImageUrl\":\"http://dn-m.talk.kakao.com/"
                  "talkm/{alnum10}/{alnum22}/img.jpg\",\"statusMessage\":\"{word}\"}";
    a.json_tail = "]}";
    a.cert_cn = "*.kakao.com";
    a.cert_sans = {"*.kakao.com", "kakao.com", "*.kakaocdn.net", "*.talk.kakao.com"};
    a.issuer_cn = "Thawte RSA CA 2018";
    a.issuer_org = "DigiCert Inc";
    a.root_cn = "DigiCert Global Root CA";
    a.tls13_share = 0.3;
    a.server_suites12 = {0xc02f, 0xc030, 0x009e, 0x009f, 0xc02b};
    a.h2 = false;
    a.response_lo = 200;
    a.response_hi = 60000;
    a.rtt_lo_ms = 3;
    a.rtt_hi_ms = 15;
    a.v4a = 110;
    a.v4b = 76;
    a.v6 = 0x0d41;
    return a;
}

AppSpec make_nate() {
    AppSpec a{};
    a.name = "Nate";
    a.https_share = 0.272;
    a.tls_hosts = {{"www.nate.com", 8}, {"news.nate.com", 3}, {"xo.nate.com", 2}, {"main.nateimg.co.kr", 2},
                   {"m.nate.com", 3}, {"search.daum.net", 1}};
    a.http_hosts = {{"www.nate.com", 5}, {"news.nate.com", 4}, {"main.nateimg.co.kr", 3}, {"thumbnews.nateimg.co.kr", 3},
                    {"pann.nate.com", 3}, {"sports.news.nate.com", 2}, {"gms.nate.com", 1}};
    a.http_paths = {{"/view/2019030{num1}n{num5}?mid=n{num4}", Kind::Document, 5},
                    {"/", Kind::Document, 2},
                    {"/talk/{num9}", Kind::Document, 2},
                    {"/view250/http://crop.nateimg.co.kr/news/2019/03/0{num1}/{hex8}.jpg", Kind::Image, 4},
                    {"/img/main/logo/{word}_{num2}.png", Kind::Image, 1},
                    {"/js/nate_main_{num8}.js", Kind::Script, 1},
                    {"/search/jsonp?q={q}&cb=jQuery{num18}_{ts13}", Kind::Json, 2}};
    a.clients = mix(kNateApp, {kIe11});
    a.servers = {"Apache", "nginx", "Apache/2.2.15 (Unix)"};
    a.extra_headers = {"P3P: CP=\"ALL DSP COR PSAa PSDa OUR NOR ONL UNI COM NAV\"", "X-Frame-Options: SAMEORIGIN",
                       "Pragma: no-cache"};
    a.cookies = {"PCID={num16}; RC_COLOR=24; RC_RESOLUTION=1920*1080; nate_cv={num4}",
                 "PCID={num16}; ndrCookieIndex=0; NATESID={hex32}"};
    a.set_cookies = {"NATESID={hex32}; domain=.nate.com; path=/", "nate_cv={num4}; domain=.nate.com; path=/"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko-KR", "ko-KR,ko;q=0.8,en-US;q=0.5,en;q=0.3"};
    a.html_lang = "ko";
    a.title = "네이트";
    a.static_base = "//main.nateimg.co.kr/img/v5";
    a.words = {"네이트", "판", "뉴스", "랭킹", "연예", "톡톡", "싸이월드", "NateOn", "mduSubject", "newsView",
               "articleView", "realtime_keyword"};
    a.queries = {"날씨", "네이트판", "연예 뉴스", "주식", "날씨 서울", "nate on"};
    a.json_head = "jQuery{num18}_{ts13}({\"q\":\"{word}\",\"items\":[";
    a.json_item = "[\"{word} {word}\",\"{num3}\"]";
    a.json_tail = "]})";
    a.cert_cn = "*.nate.com";
    a.cert_sans = {"*.nate.com", "nate.com", "*.nateimg.co.kr"};
    a.issuer_cn = "thawte SSL CA - G2";
    a.issuer_org = "thawte, Inc.";
    a.root_cn = "thawte Primary Root CA";
    a.tls13_share = 0.0;
    a.server_suites12 = {0xc030, 0xc02f, 0x009d, 0x0035};
    a.h2 = false;
    a.response_lo = 500;
    a.response_hi = 60000;
    a.rtt_lo_ms = 3;
    a.rtt_hi_ms = 12;
    a.v4a = 120;
    a.v4b = 50;
    a.v6 = 0x0d42;
    return a;
}

AppSpec make_naver() {
    AppSpec a{};
    a.name = "Naver";
    a.https_share = 0.934;
    a.tls_hosts = {{"www.naver.com", 10}, {"search.naver.com", 5}, {"m.naver.com", 3}, {"ssl.pstatic.net", 4},
                   {"s.pstatic.net", 2}, {"news.naver.com", 2}, {"cc.naver.com", 1}, {"ac.search.naver.com", 2},
                   {"lcs.naver.com", 1}};
    a.http_hosts = {{"www.naver.com", 3}, {"search.naver.com", 3}, {"imgnews.pstatic.net", 3},
                    {"blogthumb.pstatic.net", 2}, {"cc.naver.com", 2}};
    a.http_paths = {{"/search.naver?sm=top_hty&fbm=1&ie=utf8&query={q}", Kind::Document, 5},
                    {"/", Kind::Document, 2},
                    {"/image/{num3}/2019/03/0{num1}/{hex16}_{num1}.jpg?type=w647", Kind::Image, 4},
                    {"/cc?a=nco_x58*A.search&r=&i=&bw={num4}&px=0&py=0&sx=0&sy=0&p={alnum22}&q={q}&s={num18}",
                     Kind::Beacon, 2},
                    {"/MjAxOTAzMD{alnum10}/MDAxNT{alnum30}.JPEG/{word}.jpg?type=w2", Kind::Image, 2},
                    {"/ac?q={q}&con=1&frm=nv&ans=2&r_format=json&r_enc=UTF-8&st=100", Kind::Json, 2}};
    a.clients = mix(kNaverApp, {kWhale});
    a.request_headers = {"X-Requested-With: com.nhn.android.search"};
    a.app_agents = {"Mozilla/5.0 (Linux; Android 9; SM-G960N Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, "
                    "like Gecko) Version/4.0 Chrome/72.0.3626.105 Mobile Safari/537.36 NAVER(inapp; search; 620; "
                    "10.1.2)"};
    a.servers = {"NWS", "nginx", "Apache", "NFront"};
    a.extra_headers = {"Referrer-policy: unsafe-url", "P3P: CP=\"CAO DSP CURa ADMa TAIa PSAa OUR LAW STP PHY ONL "
                       "UNI PUR FIN COM NAV INT DEM STA PRE\"", "X-Frame-Options: DENY", "X-XSS-Protection: 1; mode=block"};
    a.cookies = {"NNB={alnum13}; nx_ssl=2; _ga=GA1.2.{num9}.{ts10}", "NNB={alnum13}; npic={b6440}; NRTK=ag#all_gr#1_ma#-2_si#0_en#0_sp#0"};
    a.set_cookies = {"PM_CK_loc={hex32}; Expires=Mon, 04 Mar 2019 00:00:00 GMT; Path=/; HttpOnly"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko-KR,ko;q=0.9", "ko"};
    a.html_lang = "ko";
    a.title = "NAVER";
    a.static_base = "//s.pstatic.net/static/www/mobile/edit/2019/0301";
    a.words = {"네이버", "메일", "카페", "블로그", "지식iN", "쇼핑", "뉴스", "증권", "부동산", "지도", "영화", "뮤직",
               "책", "웹툰", "area_navigation", "green_window", "api_list", "sh_blog_top"};
    a.queries = {"날씨", "네이버 웹툰", "미세먼지", "맛집", "환율", "번역", "코스피", "로또 당첨번호", "지도"};
    a.json_head = "{\"query\":[\"{word}\"],\"items\":[[";
    a.json_item = "[\"{word} {word}\"],[\"{num1}\"]";
    a.json_tail = "]]}";
    a.cert_cn = "*.naver.com";
    a.cert_sans = {"*.naver.com", "naver.com", "*.pstatic.net", "*.naver.net"};
    a.issuer_cn = "DigiCert SHA2 Secure Server CA";
    a.issuer_org = "DigiCert Inc";
    a.root_cn = "DigiCert Global Root CA";
    a.tls13_share = 0.7;
    a.server_suites12 = {0xc02f, 0xc030, 0xc02b, 0xcca8};
    a.h2 = true;
    a.response_lo = 400;
    a.response_hi = 70000;
    a.rtt_lo_ms = 2;
    a.rtt_hi_ms = 10;
    a.v4a = 125;
    a.v4b = 209;
    a.v6 = 0x0d43;
    return a;
}

AppSpec make_yahoo() {
    AppSpec a{};
    a.name = "Yahoo";
    a.https_share = 0.997;
    a.tls_hosts = {{"www.yahoo.com", 8}, {"s.yimg.com", 5}, {"search.yahoo.com", 4}, {"news.yahoo.com", 2},
                   {"geo.query.yahoo.com", 1}, {"udc.yahoo.com", 1}, {"login.yahoo.com", 1}, {"tse1.mm.bing.net", 1}};
    a.http_hosts = {{"www.yahoo.com", 3}, {"s.yimg.com", 2}, {"l.yimg.com", 1}};
    a.http_paths = {{"/", Kind::Document, 3}, {"/rz/p/yahoo_frontpage_en-US_s_f_p_bestfit_frontpage_2x.png", Kind::Image, 2},
                    {"/search?p={q}&fr=yfp-t&fp=1&toggle=1&cop=mss&ei=UTF-8", Kind::Document, 3}};
    a.clients = mix(kFirefox, {kSafari});
    a.servers = {"ATS", "Apache Traffic Server", "ATS/7.1.2"};
    a.extra_headers = {"Via: http/1.1 media-router-fp{num4}.prod.media.ir2.yahoo.com (ApacheTrafficServer [cMsSf ])",
                       "Age: 0", "X-Frame-Options: SAMEORIGIN", "Expect-CT: max-age=31536000, report-uri=\"http://"
                       "csp.yahoo.com/beacon/csp?src=yahoocom-expect-ct-report-only\""};
    a.cookies = {"B={alnum13}&b=3&s={alnum2}; GUC=AQEBAQFc{alnum20}", "B={alnum13}&b=3&s={alnum2}; A1=d=AQABBA{alnum40}"};
    a.set_cookies = {"autorf=deleted; expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/; domain=www.yahoo.com"};
    a.languages = {"en-US,en;q=0.9", "en-US,en;q=0.5", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"};
    a.html_lang = "en-US";
    a.title = "Yahoo";
    a.static_base = "//s.yimg.com/rq/darla/3-20-0";
    a.words = {"Yahoo", "Mail", "News", "Finance", "Sports", "Entertainment", "Lifestyle", "js-stream-content",
               "Fz(16px)", "Ell", "C(#000)", "uh-search", "trending"};
    a.queries = {"weather", "news", "nba scores", "stocks", "yahoo mail", "oscars", "brexit"};
    a.json_head = "{\"gossip\":{\"qry\":\"{word}\",\"gprid\":\"{alnum22}\",\"results\":[";
    a.json_item = "{\"key\":\"{word} {word}\",\"mrk\":{num2}}";
    a.json_tail = "]}}";
    a.cert_cn = "*.www.yahoo.com";
    a.cert_sans = {"*.www.yahoo.com", "www.yahoo.com", "*.yahoo.com", "*.yimg.com", "yahoo.com", "*.news.yahoo.com"};
    a.issuer_cn = "DigiCert SHA2 High Assurance Server CA";
    a.issuer_org = "DigiCert Inc";
    a.root_cn = "DigiCert High Assurance EV Root CA";
    a.tls13_share = 0.9;
    a.server_suites12 = {0xc02f, 0xc030, 0xcca8, 0xc02b};
    a.h2 = true;
    a.response_lo = 600;
    a.response_hi = 90000;
    a.rtt_lo_ms = 120;
    a.rtt_hi_ms = 180;
    a.v4a = 98;
    a.v4b = 137;
    a.v6 = 0x2880;
    return a;
}

AppSpec make_youtube() {
    AppSpec a{};
    a.name = "Youtube";
    a.https_share = 0.978;
    a.tls_hosts = {{"www.youtube.com", 6}, {"i.ytimg.com", 4}, {"r{num1}---sn-{alnum8}.googlevideo.com", 6},
                   {"yt3.ggpht.com", 2}, {"youtubei.googleapis.com", 3}, {"s.youtube.com", 1}, {"m.youtube.com", 2},
                   {"fonts.gstatic.com", 1}, {"www.gstatic.com", 1}};
    a.http_hosts = {{"s.youtube.com", 3}, {"www.youtube.com", 2}, {"i.ytimg.com", 2}};
    a.http_paths = {{"/api/stats/watchtime?ns=yt&el=detailpage&cpn={alnum16}&docid={alnum11}&ver=2&cmt={num3}.{num3}",
                     Kind::Beacon, 3},
                    {"/vi/{alnum11}/hqdefault.jpg", Kind::Image, 3},
                    {"/watch?v={alnum11}", Kind::Document, 2}};
    a.clients = mix(kCronet, {kChrome});
    a.request_headers = {"X-YouTube-Client-Name: 3", "X-YouTube-Client-Version: 14.08.52"};
    a.app_agents = {"com.google.android.youtube/14.08.52(Linux; U; Android 9; ko_KR; SM-G960N Build/PPR1.180610.011) "
                    "gzip",
                    "com.google.android.youtube/14.10.58(Linux; U; Android 8.0.0; ko_KR; SM-G955N Build/R16NW) gzip"};
    a.servers = {"YouTube Frontend Proxy", "sffe", "gvs 1.0", "ESF"};
    a.extra_headers = {"X-Content-Type-Options: nosniff", "X-Frame-Options: SAMEORIGIN",
                       "Alt-Svc: quic=\":443\"; ma=2592000; v=\"46,44,43,39\"", "X-XSS-Protection: 1; mode=block; "
                       "report=https://www.google.com/appserve/security-bugs/log/youtube"};
    a.cookies = {"VISITOR_INFO1_LIVE={alnum11}; YSC={alnum11}; PREF=f1=50000000&hl=ko&gl=KR",
                 "GPS=1; YSC={alnum11}; VISITOR_INFO1_LIVE={alnum11}"};
    a.set_cookies = {"YSC={alnum11}; path=/; domain=.youtube.com; httponly",
                     "VISITOR_INFO1_LIVE={alnum11}; path=/; domain=.youtube.com; expires=Sun, 01-Sep-2019 00:00:00 GMT"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko-KR", "en-US,en;q=0.9"};
    a.html_lang = "ko-KR";
    a.title = "YouTube";
    a.static_base = "//s.ytimg.com/yts/jsbin/player_ias-vfl{alnum6}/ko_KR";
    a.words = {"ytd-app", "ytd-rich-grid", "yt-formatted-string", "동영상", "조회수", "구독", "채널", "재생목록",
               "videoId", "playlist", "ytInitialData", "watch-next"};
    a.queries = {"음악", "먹방", "bts", "게임", "뉴스", "lofi", "운동"};
    a.json_head = "{\"responseContext\":{\"visitorData\":\"{alnum22}\",\"serviceTrackingParams\":[";
    a.json_item = "{\"service\":\"GFEEDBACK\",\"params\":[{\"key\":\"e\",\"value\":\"{num8},{num8}\"}]}";
    a.json_tail = "]},\"trackingParams\":\"{alnum40}\"}";
    a.cert_cn = "*.google.com";
    a.cert_sans = {"*.google.com", "*.youtube.com", "*.ytimg.com", "*.googlevideo.com", "*.ggpht.com",
                   "*.googleapis.com", "*.gstatic.com"};
    a.issuer_cn = "Google Internet Authority G3";
    a.issuer_org = "Google Trust Services";
    a.root_cn = "GlobalSign";
    a.tls13_share = 1.0;
    a.server_suites12 = {0xc02b, 0xcca9, 0xc02f, 0xcca8};
    a.h2 = true;
    a.response_lo = 2000;
    a.response_hi = 200000;
    a.rtt_lo_ms = 25;
    a.rtt_hi_ms = 50;
    a.v4a = 216;
    a.v4b = 58;
    a.v6 = 0x4005;
    return a;
}

AppSpec make_zum() {
    AppSpec a{};
    a.name = "Zum";
    a.https_share = 0.149;
    a.tls_hosts = {{"zum.com", 6}, {"search.zum.com", 4}, {"m.zum.com", 2}, {"static.news.zumst.com", 2},
                   {"nc.zum.com", 1}};
    a.http_hosts = {{"zum.com", 5}, {"search.zum.com", 5}, {"news.zum.com", 4}, {"static.news.zumst.com", 3},
                    {"hub.zum.com", 3}, {"issue.zum.com", 2}, {"news.zumst.com", 1}};
    a.http_paths = {{"/search.zum?method=uni&option=accu&qm=f_typing&query={q}&rd=1", Kind::Document, 5},
                    {"/", Kind::Document, 2},
                    {"/articles/{num8}", Kind::Document, 3},
                    {"/images/2/2019/03/0{num1}/{hex32}.jpg", Kind::Image, 4},
                    {"/suggest?q={q}&type=json&callback=jQuery{num18}", Kind::Json, 2},
                    {"/static/js/zum.{hex8}.min.js", Kind::Script, 1}};
    a.clients = mix(kIe11, {kChrome});
    a.servers = {"nginx", "Apache-Coyote/1.1", "Tengine", "nginx/1.12.2"};
    a.extra_headers = {"X-Zum-Node: web{num2}", "Access-Control-Allow-Credentials: true", "Pragma: no-cache"};
    a.cookies = {"_ZUID={hex32}; _ZUMNEWSUID={hex32}; zum_search_history={q}", "_ZUID={hex32}; _ga=GA1.2.{num9}.{ts10}"};
    a.set_cookies = {"_ZUID={hex32}; Domain=.zum.com; Expires=Fri, 01-Mar-2024 00:00:00 GMT; Path=/"};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko-KR", "ko-KR,ko;q=0.8,en-US;q=0.5,en;q=0.3"};
    a.html_lang = "ko";
    a.title = "ZUM - 다르게 만나는 세상";
    a.static_base = "//static.news.zumst.com/resources/zum";
    a.words = {"줌", "뉴스", "허브", "이슈", "실시간", "검색어", "랭킹", "zum_ad", "news_list", "hub_area",
               "issue_keyword", "d_wrap"};
    a.queries = {"날씨", "뉴스", "로또", "줌 허브", "연예", "환율"};
    a.json_head = "jQuery{num18}({\"query\":\"{word}\",\"suggestions\":[";
    a.json_item = "{\"keyword\":\"{word} {word}\",\"rank\":{num1}}";
    a.json_tail = "]})";
    a.cert_cn = "*.zum.com";
    a.cert_sans = {"*.zum.com", "zum.com", "*.zumst.com"};
    a.issuer_cn = "Sectigo RSA Domain Validation Secure Server CA";
    a.issuer_org = "Sectigo Limited";
    a.root_cn = "USERTrust RSA Certification Authority";
    a.tls13_share = 0.0;
    a.server_suites12 = {0xc030, 0xc02f, 0x009f, 0x009e};
    a.h2 = false;
    a.response_lo = 500;
    a.response_hi = 50000;
    a.rtt_lo_ms = 2;
    a.rtt_hi_ms = 12;
    a.v4a = 183;
    a.v4b = 110;
    a.v6 = 0x0d44;
    return a;
}

// The applications of the data set, in the order of their class index.
std::vector<AppSpec> make_apps() {
    return {make_baidu(), make_bing(),  make_daum(),  make_google(),  make_kakaotalk(),
            make_nate(),  make_naver(), make_yahoo(), make_youtube(), make_zum()};
}

AppSpec make_shared() {
    AppSpec a;
    a.name = "third-party";
    a.tls_hosts = {{"www.google-analytics.com", 3}, {"ajax.googleapis.com", 1}, {"cdnjs.cloudflare.com", 1},
                   {"connect.facebook.net", 1}, {"www.googletagmanager.com", 1}};
    a.http_hosts = {{"www.google-analytics.com", 3}, {"ajax.googleapis.com", 1}, {"cdnjs.cloudflare.com", 1}};
    a.http_paths = {{"/analytics.js", Kind::Script, 2},
                    {"/collect?v=1&_v=j73&a={num9}&t=pageview&_s=1&sd=24-bit&sr=1920x1080&_u=IEBAAEAB~&jid=&cid="
                     "{num9}.{ts10}&tid=UA-{num8}-1&z={num9}",
                     Kind::Beacon, 3},
                    {"/ajax/libs/jquery/3.3.1/jquery.min.js", Kind::Script, 1}};
    a.servers = {"Golfe2", "cloudflare", "sffe"};
    a.extra_headers = {"Access-Control-Allow-Origin: *", "Cache-Control: public, max-age=7200"};
    a.cookies = {};
    a.languages = {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "en-US,en;q=0.9"};
    a.words = {"function", "var", "return", "window", "document", "undefined", "prototype"};
    a.json_head = "{";
    a.json_item = "\"{word}\":{num3},";
    a.json_tail = "\"ok\":1}";
    a.html_lang = "en";
    a.title = "";
    a.static_base = "//www.gstatic.com";
    a.cert_cn = "*.google-analytics.com";
    a.cert_sans = {"*.google-analytics.com", "*.googleapis.com", "*.googletagmanager.com"};
    a.issuer_cn = "Google Internet Authority G3";
    a.issuer_org = "Google Trust Services";
    a.root_cn = "GlobalSign";
    a.tls13_share = 1.0;
    a.server_suites12 = {0xc02b, 0xc02f};
    a.h2 = true;
    a.response_lo = 35;
    a.response_hi = 40000;
    a.rtt_lo_ms = 30;
    a.rtt_hi_ms = 60;
    a.v4a = 104;
    a.v4b = 16;
    a.v6 = 0x6000;
    return a;
}

}  // namespace

const std::vector<ClientSpec>& clients() {
    static const std::vector<ClientSpec> c = make_clients();
    return c;
}

const std::vector<AppSpec>& app_specs() {
    static const std::vector<AppSpec> a = make_apps();
    return a;
}

const AppSpec& shared_third_party() {
    static const AppSpec a = make_shared();
    return a;
}

}  // namespace flowcnn::generator::detail
