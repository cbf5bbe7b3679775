import { parseArgs } from 'node:util';

export const CHAT_USAGE = `用法：npm run chat -- [--as <姓名|邮箱|open_id>] [--group] [--url <机器人的地址>]

和学生会助手对话：你输入的每一行都作为飞书消息（im.message.receive_v1）发给机器人，
点击卡片按钮作为卡片回调（card.action.trigger），机器人的回复以文字显示。

  --as <人>      以这个人的身份开始：组织文件里的姓名、邮箱或 open_id；其他名字是一位新同学
  --group        从群聊开始（群聊里要写 @bot 机器人才回应）
  --url <地址>   连接一个正在运行的本地模式机器人（npm start，不设飞书凭证），
                 例如 --url http://localhost:3000。不写 --url：在本进程内存中运行一个机器人
  -h, --help     显示这段说明

连接运行中的机器人时，消息像飞书一样签名：LARK_ENCRYPT_KEY 和 LARK_VERIFICATION_TOKEN
从环境变量或 .env 读取，要和机器人的一样（都不设时机器人在本地模式下接受未签名的消息）。
进入对话后输入 :help 查看对话里的命令。`;

export interface ChatOptions {
  as?: string;
  group: boolean;
  /** A running bot's base URL; absent: the chat runs its own bot. */
  url?: string;
}

export type ParsedChatArgs =
  | { kind: 'run'; options: ChatOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** `npm run chat -- …`'s arguments; a mistake is named in Chinese, never as a parseArgs stack. */
export function parseChatArgs(args: readonly string[]): ParsedChatArgs {
  let values: { as?: string; group?: boolean; url?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        as: { type: 'string' },
        group: { type: 'boolean' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: describeArgError(err) };
  }
  if (values.help) return { kind: 'help' };
  if (values.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(values.url);
    } catch {}
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return {
        kind: 'error',
        message: `--url 应是机器人的 http(s) 地址，例如 http://localhost:3000（收到的是 ${values.url}）`,
      };
    }
  }
  return { kind: 'run', options: { as: values.as, group: values.group === true, url: values.url } };
}

function describeArgError(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项 ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `选项 ${quoted.split(' ')[0]} 后面要跟一个值`;
      if (/does not take an argument/.test(message)) return `选项 ${quoted} 不带值`;
      return `选项用错了：${message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${quoted}（选项都以 -- 开头）`;
    default:
      return message;
  }
}
