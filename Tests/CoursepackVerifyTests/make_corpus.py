"""Builds the verify corpus from the specifications (SCORM 1.2 CAM, SCORM 2004 CAM 2nd to 4th Edition,
IMS Content Packaging, cmi5, AICC CMI001): one folder per package, each with its manifest and the
files it names. Usage: make_corpus.py OUT_DIR. Prints one line per package: NAME KIND MANIFEST EXPECT,
where KIND is the schema kind for ../shared/xsd/check (or 'none') and EXPECT is 'valid' or 'invalid'
(what the official schema must say)."""
import os, sys

out = sys.argv[1]
listing = []

def package(name, kind, expect, manifest_name, manifest, files=(), encoding="utf-8", bom=False):
    root = os.path.join(out, name)
    os.makedirs(root, exist_ok=True)
    data = manifest.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(root, manifest_name), "wb") as f:
        f.write(data)
    for path in files:
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><title>page</title></head><body>page</body></html>\n"
                    if path.endswith(".html") else "<lom/>\n")
    listing.append(f"{name} {kind} {manifest_name} {expect}")

CP12 = 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
CP2004 = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
          'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" '
          'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')

def scorm12(identifier="corpus.scorm12", organizations=None, resources=None, extra_metadata="", ns=CP12, head='<?xml version="1.0" encoding="UTF-8"?>\n'):
    organizations = organizations or """<organizations default="org">
    <organization identifier="org">
      <title>Course</title>
      <item identifier="item1" identifierref="sco1"><title>One</title></item>
    </organization>
  </organizations>"""
    resources = resources or """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="one.html"><file href="one.html"/></resource>
  </resources>"""
    return f"""{head}<manifest identifier="{identifier}" version="1" {ns}>
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>{extra_metadata}</metadata>
  {organizations}
  {resources}
</manifest>
"""

def scorm2004(version="2004 4th Edition", identifier="corpus.scorm2004", organizations=None, resources=None, tail="", attrs="",
              metadata=True):
    organizations = organizations or """<organizations default="org">
    <organization identifier="org">
      <title>Course</title>
      <item identifier="item1" identifierref="sco1"><title>One</title></item>
    </organization>
  </organizations>"""
    resources = resources or """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
  </resources>"""
    meta = f"<metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion></metadata>" if metadata else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1" {CP2004}{attrs}>
  {meta}
  {organizations}
  {resources}
  {tail}
</manifest>
"""

# Every edition.
package("scorm12-single", "scorm12", "valid", "imsmanifest.xml", scorm12(), ["one.html"])
for version, name in [("CAM 1.3", "scorm2004-2nd"), ("2004 3rd Edition", "scorm2004-3rd"), ("2004 4th Edition", "scorm2004-4th")]:
    package(name, "scorm2004", "valid", "imsmanifest.xml", scorm2004(version), ["one.html"])
package("scorm2004-no-schemaversion", "scorm2004", "valid", "imsmanifest.xml", scorm2004(metadata=False), ["one.html"])

# Multi-SCO with nested items (an aggregation), and assets.
multi_orgs = """<organizations default="org">
    <organization identifier="org">
      <title>Course</title>
      <item identifier="module1"><title>Module 1</title>
        <item identifier="item1" identifierref="sco1"><title>One</title></item>
        <item identifier="item2" identifierref="sco2"><title>Two</title></item>
      </item>
      <item identifier="module2"><title>Module 2</title>
        <item identifier="item3" identifierref="sco3"><title>Three</title></item>
        <item identifier="item4" identifierref="asset1"><title>Handout</title></item>
      </item>
    </organization>
    <organization identifier="org2"><title>Short path</title>
      <item identifier="item5" identifierref="sco1"><title>One again</title></item>
    </organization>
  </organizations>"""
multi12 = """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="sco1/index.html"><file href="sco1/index.html"/><dependency identifierref="shared"/></resource>
    <resource identifier="sco2" type="webcontent" adlcp:scormtype="sco" href="sco2/index.html"><file href="sco2/index.html"/><dependency identifierref="shared"/></resource>
    <resource identifier="sco3" type="webcontent" adlcp:scormtype="sco" href="sco3/index.html"><file href="sco3/index.html"/></resource>
    <resource identifier="asset1" type="webcontent" adlcp:scormtype="asset" href="handout.html"><file href="handout.html"/></resource>
    <resource identifier="shared" type="webcontent" adlcp:scormtype="asset"><file href="shared/api.html"/></resource>
  </resources>"""
files = ["sco1/index.html", "sco2/index.html", "sco3/index.html", "handout.html", "shared/api.html"]
package("scorm12-multi-sco", "scorm12", "valid", "imsmanifest.xml", scorm12(organizations=multi_orgs, resources=multi12), files)
package("scorm2004-multi-sco", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(organizations=multi_orgs, resources=multi12.replace("scormtype", "scormType")), files)

# Sequencing collections.
seq_orgs = """<organizations default="org">
    <organization identifier="org">
      <title>Course</title>
      <item identifier="item1" identifierref="sco1"><title>One</title>
        <imsss:sequencing IDRef="common"><imsss:deliveryControls tracked="true"/></imsss:sequencing>
      </item>
      <item identifier="item2" identifierref="sco2"><title>Two</title>
        <imsss:sequencing IDRef="common"/>
      </item>
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>"""
seq_res = """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
    <resource identifier="sco2" type="webcontent" adlcp:scormType="sco" href="two.html"><file href="two.html"/></resource>
  </resources>"""
collection = """<imsss:sequencingCollection>
    <imsss:sequencing ID="common"><imsss:controlMode choiceExit="false"/></imsss:sequencing>
  </imsss:sequencingCollection>"""
package("scorm2004-sequencing-collection", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(organizations=seq_orgs, resources=seq_res, tail=collection), ["one.html", "two.html"])

# xml:base on every level: manifest, resources, resource; ./ and ../ in hrefs.
base_res = """<resources xml:base="content/">
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="./one.html" xml:base="unit1/">
      <file href="one.html"/><file href="../common/style.css"/>
    </resource>
  </resources>"""
package("scorm2004-xml-base", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(resources=base_res, attrs=' xml:base="course/"'), ["course/content/unit1/one.html", "course/content/common/style.css"])

# Padded identifiers: xs:ID collapses white space.
padded_orgs = """<organizations default=" org ">
    <organization identifier="  org  ">
      <title>Course</title>
      <item identifier=" item1" identifierref="sco1 "><title>One</title></item>
    </organization>
  </organizations>"""
package("scorm2004-padded-identifiers", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(organizations=padded_orgs, resources=seq_res.replace(' identifier="sco1"', ' identifier=" sco1 "')), ["one.html", "two.html"])

# Sub-manifests.
sub = """<manifest identifier="sub1">
    <organizations/>
    <resources>
      <resource identifier="subres" type="webcontent" adlcp:scormType="asset" href="sub/page.html"><file href="sub/page.html"/></resource>
    </resources>
  </manifest>"""
sub_orgs = """<organizations default="org">
    <organization identifier="org"><title>Course</title>
      <item identifier="item1" identifierref="sco1"><title>One</title></item>
      <item identifier="item2" identifierref="sub1"><title>From the sub-manifest</title></item>
    </organization>
  </organizations>"""
package("scorm2004-sub-manifest", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(organizations=sub_orgs, tail=sub), ["one.html", "sub/page.html"])

# Metadata in separate files.
meta_res = """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="one.html">
      <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion><adlcp:location>meta/sco1.xml</adlcp:location></metadata>
      <file href="one.html"/>
    </resource>
  </resources>"""
package("scorm12-metadata-files", "scorm12", "valid", "imsmanifest.xml",
        scorm12(resources=meta_res, extra_metadata="<adlcp:location>meta/course.xml</adlcp:location>"),
        ["one.html", "meta/course.xml", "meta/sco1.xml"])

# Other namespace prefixes: valid XML, but Moodle reads 'adlcp:' literally.
package("scorm12-other-prefix", "scorm12", "valid", "imsmanifest.xml",
        scorm12(ns=CP12.replace("xmlns:adlcp", "xmlns:adl")).replace("adlcp:scormtype", "adl:scormtype"), ["one.html"])
package("scorm12-prefixed-cp", "scorm12", "valid", "imsmanifest.xml",
        '<?xml version="1.0"?>\n<cp:manifest identifier="m" xmlns:cp="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><cp:metadata><cp:schema>ADL SCORM</cp:schema><cp:schemaversion>1.2</cp:schemaversion></cp:metadata>'
        '<cp:organizations default="o"><cp:organization identifier="o"><cp:title>T</cp:title><cp:item identifier="i" identifierref="r"><cp:title>T</cp:title></cp:item>'
        '</cp:organization></cp:organizations><cp:resources><cp:resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="one.html">'
        '<cp:file href="one.html"/></cp:resource></cp:resources></cp:manifest>\n', ["one.html"])

# Non-ASCII and percent-encoded file names.
name_res = """<resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="m%C3%A9dia/caf%C3%A9.html"><file href="m%C3%A9dia/caf%C3%A9.html"/><file href="média/لغة.html"/><file href="a%20space.html"/></resource>
  </resources>"""
package("scorm2004-non-ascii-names", "scorm2004", "valid", "imsmanifest.xml", scorm2004(resources=name_res),
        ["média/café.html", "média/لغة.html", "a space.html"])

# BOM and UTF-16.
package("scorm12-bom", "scorm12", "valid", "imsmanifest.xml", scorm12(), ["one.html"], bom=True)
package("scorm12-utf16", "scorm12", "valid", "imsmanifest.xml",
        "\ufeff" + scorm12(head='<?xml version="1.0" encoding="UTF-16"?>\n'), ["one.html"], encoding="utf-16-le")

# cmi5: a package, and a bare cmi5.xml with 1,000 AUs.
CMI5 = 'xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"'
def text(tag, value):
    return f'<{tag}><langstring lang="en">{value}</langstring></{tag}>'
def au(index, url, extra=""):
    return (f'<au id="https://example.org/corpus/au/{index}" moveOn="Completed" masteryScore="0.8" launchMethod="AnyWindow"{extra}>'
            f'{text("title", f"AU {index}")}{text("description", "d")}<url>{url}</url></au>')
course = f'<course id="https://example.org/corpus/course">{text("title", "Course")}{text("description", "d")}</course>'
objectives = f'<objectives><objective id="https://example.org/corpus/objective/1">{text("title", "O")}{text("description", "d")}</objective></objectives>'
block = (f'<block id="https://example.org/corpus/block/1">{text("title", "Block")}{text("description", "d")}'
         f'<objectives><objective idref="https://example.org/corpus/objective/1"/></objectives>{au(2, "two.html")}</block>')
package("cmi5-blocks", "cmi5", "valid", "cmi5.xml",
        f'<?xml version="1.0" encoding="utf-8"?>\n<courseStructure {CMI5}>\n{course}\n{objectives}\n{au(1, "one.html?lang=en")}\n{block}\n</courseStructure>\n',
        ["one.html", "two.html"])
aus = "\n".join(au(i, f"https://content.example.org/au/{i}/index.html") for i in range(1000))
package("cmi5-bare-1000", "cmi5", "valid", "cmi5.xml", f'<?xml version="1.0" encoding="utf-8"?>\n<courseStructure {CMI5}>\n{course}\n{aus}\n</courseStructure>\n')

# Defects the official schemas see: the built-in checks must see them too.
package("scorm2004-invalid-no-org-id", "scorm2004", "invalid", "imsmanifest.xml",
        scorm2004(organizations=multi_orgs.replace('<organization identifier="org2">', "<organization>").replace(' default="org"', ""), resources=multi12.replace("scormtype", "scormType")), files)
package("scorm2004-invalid-duplicate-id", "scorm2004", "invalid", "imsmanifest.xml",
        scorm2004(organizations=multi_orgs.replace('identifier="item2"', 'identifier="item1"'), resources=multi12.replace("scormtype", "scormType")), files)
# default is an xs:IDREF, but xmllint does not check IDREF targets: the built-in rule goes further.
package("scorm2004-default-names-nothing", "scorm2004", "valid", "imsmanifest.xml",
        scorm2004(organizations=multi_orgs.replace('default="org"', 'default="nowhere"'), resources=multi12.replace("scormtype", "scormType")), files)
package("scorm2004-invalid-scormtype", "scorm2004", "invalid", "imsmanifest.xml",
        scorm2004(resources=multi12.replace("scormtype", "scormType").replace('scormType="asset" href="handout.html"', 'scormType="page" href="handout.html"')), files)
package("scorm12-invalid-bad-id", "scorm12", "invalid", "imsmanifest.xml", scorm12().replace('identifier="item1"', 'identifier="1 item"'), ["one.html"])
package("scorm12-invalid-no-resources", "scorm12", "invalid", "imsmanifest.xml",
        scorm12(resources=" ").replace('identifierref="sco1"', ""), ["one.html"])
package("cmi5-invalid-order", "cmi5", "invalid", "cmi5.xml",
        f'<?xml version="1.0"?>\n<courseStructure {CMI5}>\n{au(1, "one.html")}\n{course}\n</courseStructure>\n', ["one.html"])
package("cmi5-invalid-mastery", "cmi5", "invalid", "cmi5.xml",
        f'<?xml version="1.0"?>\n<courseStructure {CMI5}>\n{course}\n{au(1, "one.html").replace("0.8", "2")}\n</courseStructure>\n', ["one.html"])
package("cmi5-invalid-no-url", "cmi5", "invalid", "cmi5.xml",
        f'<?xml version="1.0"?>\n<courseStructure {CMI5}>\n{course}\n{au(1, "one.html").replace("<url>one.html</url>", "")}\n</courseStructure>\n', ["one.html"])

# AICC course files (CMI001): .crs, .au, .des, .cst.
root = os.path.join(out, "aicc-course")
os.makedirs(root, exist_ok=True)
aicc = {
    "course.crs": "[Course]\nCourse_Creator=Corpus\nCourse_ID=CORPUS1\nCourse_System=HTML\nCourse_Title=AICC course\nLevel=1\nMax_Fields_CST=2\nTotal_AUs=2\nTotal_Blocks=0\nVersion=3.4\n[Course_Behavior]\nMax_Normal=1\n[Course_Description]\nA course.\n",
    "course.au": '"System_ID","Type","Command_Line","File_Name","Core_Vendor","Max_Score","Mastery_Score"\n"A1","lesson","","au1/index.html","","100","80"\n"A2","lesson","","au2/index.html","","100","80"\n',
    "course.des": '"System_ID","Developer_ID","Title","Description"\n"A1","a1","First lesson",""\n"A2","a2","Second lesson",""\n',
    "course.cst": '"Block","Member","Member"\n"root","A1","A2"\n',
}
for name, content in aicc.items():
    with open(os.path.join(root, name), "w") as f:
        f.write(content)
for page in ["au1/index.html", "au2/index.html"]:
    os.makedirs(os.path.join(root, os.path.dirname(page)), exist_ok=True)
    open(os.path.join(root, page), "w").write("<html></html>\n")
listing.append("aicc-course none course.crs valid")

print("\n".join(listing))
