//! Synthetic people and words: names, phone numbers, resident ID numbers with a correct
//! check character, and the short summaries a front desk types. Nothing here is a real person.

use chrono::{Datelike, NaiveDate};

use super::rng::Rng;
use crate::domain::codes::Matter;
use crate::domain::idcard;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "文", "辉", "红", "斌",
    "鹏", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "欢", "佳", "阳",
    "海", "峰", "婷", "雪", "琳", "晨", "凤", "春", "梅", "松", "亮", "成",
];

/// A name of one surname and one or two given characters.
pub fn name(rng: &mut Rng) -> String {
    let mut text = String::with_capacity(9);
    text.push_str(SURNAMES[rng.range(0, SURNAMES.len() as i64 - 1) as usize]);
    text.push_str(GIVEN[rng.range(0, GIVEN.len() as i64 - 1) as usize]);
    if rng.chance(0.7) {
        text.push_str(GIVEN[rng.range(0, GIVEN.len() as i64 - 1) as usize]);
    }
    text
}

/// An 11-digit mobile number.
pub fn phone(rng: &mut Rng) -> String {
    const HEADS: &[&str] = &[
        "130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159",
        "177", "186", "187", "188", "189",
    ];
    format!(
        "{}{:08}",
        HEADS[rng.range(0, HEADS.len() as i64 - 1) as usize],
        rng.range(0, 99_999_999)
    )
}

/// An 18-character resident ID number with a real birth date and the GB 11643 check
/// character: a county code of the synthetic region, a birth date, a sequence, the check.
pub fn resident_id(rng: &mut Rng, today: NaiveDate) -> String {
    const REGIONS: &[&str] = &[
        "110101", "310104", "320102", "330106", "370102", "420106", "440106", "510104", "610103",
        "130102",
    ];
    let region = REGIONS[rng.range(0, REGIONS.len() as i64 - 1) as usize];
    let age_days = rng.range(18 * 365, 85 * 365);
    let birth = today - chrono::Duration::days(age_days);
    let body = format!(
        "{region}{:04}{:02}{:02}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        rng.range(1, 999)
    );
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(body.chars()) {
        *slot = c.to_digit(10).unwrap_or(0);
    }
    let mut id = body;
    id.push(idcard::check_char(&digits));
    id
}

/// The short summary the front desk types for a matter.
pub fn summary(rng: &mut Rng, matter: Matter) -> &'static str {
    let options: &[&str] = match matter {
        Matter::Labor => &[
            "拖欠工资三个月",
            "工伤认定咨询",
            "未签劳动合同",
            "被违法解除劳动合同",
            "加班费纠纷",
        ],
        Matter::Family => &[
            "离婚财产分割",
            "子女抚养费",
            "探望权纠纷",
            "赡养老人",
            "家庭暴力求助",
        ],
        Matter::Inheritance => &["房产继承", "遗嘱效力", "继承份额争议"],
        Matter::Neighbor => &["相邻通行纠纷", "漏水损害", "宅基地界址", "噪音扰民"],
        Matter::Property => &["房屋买卖合同", "土地承包经营权", "拆迁补偿", "租赁纠纷"],
        Matter::Contract => &["民间借贷", "买卖合同欠款", "装修合同纠纷", "担保责任"],
        Matter::Traffic => &["交通事故赔偿", "保险理赔争议"],
        Matter::Medical => &["医疗损害赔偿", "病历复印"],
        Matter::Injury => &["人身损害赔偿", "打架致伤"],
        Matter::Consumer => &["预付卡退费", "网购退货", "商品质量问题"],
        Matter::Criminal => &["刑事案件委托", "被害人权利"],
        Matter::Administrative => &["行政处罚复议", "社保待遇", "信息公开"],
        Matter::Other => &["法律文书咨询", "一般法律咨询", "公证材料准备"],
    };
    options[rng.range(0, options.len() as i64 - 1) as usize]
}

/// The note a desk writes when it refers a visitor on.
pub fn referral_note(rng: &mut Rng) -> &'static str {
    const NOTES: &[&str] = &[
        "已初步了解情况，请接办",
        "符合援助条件，请审查",
        "需出具公证，请办理",
        "双方同意调解",
        "需代写起诉状",
        "",
    ];
    NOTES[rng.range(0, NOTES.len() as i64 - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_pass_the_check() {
        let mut rng = Rng::new(3);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for _ in 0..200 {
            let id = resident_id(&mut rng, today);
            assert_eq!(idcard::validate(&id), Ok(()), "{id}");
        }
    }

    #[test]
    fn phones_have_eleven_digits() {
        let mut rng = Rng::new(3);
        let p = phone(&mut rng);
        assert_eq!(p.len(), 11);
        assert!(p.chars().all(|c| c.is_ascii_digit()));
    }
}
