"""The words of every mail, per shop language (Shop.language: en, zh-CN)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "subject": "Chat with {shopper} at {shop}",
        "waiting": "{shopper} is waiting for an answer at {shop}.",
        "away": "{shopper} wrote while nobody was in the console.",
        "escalated": "Still unanswered after {minutes} minutes.",
        "open": "Open the conversation",
        "why": "You get this mail as a member of {shop}'s team. Change it in the console "
        "under Settings → Email notifications.",
        "anonymous": "A shopper",
        "image": "[image]",
        "test_subject": "Test mail from {shop}",
        "test_body": "Hello {name}, this is the test mail you asked for. Mail from {shop} "
        "reaches you.",
    },
    "zh-CN": {
        "subject": "{shop}：与{shopper}的对话",
        "waiting": "{shopper}正在{shop}等待回复。",
        "away": "{shopper}在无人值守时发来了消息。",
        "escalated": "已超过{minutes}分钟仍未回复。",
        "open": "打开对话",
        "why": "您是{shop}团队的成员，因此收到此邮件。可在控制台的“设置 → 邮件通知”中更改。",
        "anonymous": "一位顾客",
        "image": "[图片]",
        "test_subject": "来自{shop}的测试邮件",
        "test_body": "{name}您好，这是您请求的测试邮件。{shop}的邮件可以送达您。",
    },
}


def words(language: str) -> dict[str, str]:
    return STRINGS.get(language, STRINGS["en"])
