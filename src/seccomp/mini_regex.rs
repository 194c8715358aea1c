//! A small backtracking matcher for the ECMA-262 subset used in CRD `pattern`s: literals,
//! `.`, `^`, `$`, escapes, classes with ranges/negation, groups with `|`, and the quantifiers
//! `* + ? {m} {m,} {m,n}`. Anything else is an error, never a silent pass.

#[derive(Debug)]
enum Node {
    Char(char),
    Any,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
    },
}

pub struct Regex {
    alts: Vec<Vec<Node>>,
}

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, String> {
        let c: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let alts = parse_alts(&c, &mut pos)?;
        if pos != c.len() {
            return Err(format!("unbalanced ')' at {pos} in {pattern:?}"));
        }
        Ok(Regex { alts })
    }

    /// ECMA semantics: the pattern may match anywhere unless anchored.
    pub fn is_match(&self, s: &str) -> bool {
        let c: Vec<char> = s.chars().collect();
        (0..=c.len()).any(|start| {
            self.alts
                .iter()
                .any(|alt| match_seq(alt, &c, start, &mut |_| true))
        })
    }
}

fn parse_alts(c: &[char], pos: &mut usize) -> Result<Vec<Vec<Node>>, String> {
    let mut alts = vec![Vec::new()];
    while let Some(&ch) = c.get(*pos) {
        match ch {
            ')' => break,
            '|' => {
                *pos += 1;
                alts.push(Vec::new());
            }
            _ => {
                let atom = parse_atom(c, pos)?;
                let node = parse_quantifier(c, pos, atom)?;
                if let Some(last) = alts.last_mut() {
                    last.push(node);
                }
            }
        }
    }
    Ok(alts)
}

fn parse_atom(c: &[char], pos: &mut usize) -> Result<Node, String> {
    let ch = c[*pos];
    *pos += 1;
    Ok(match ch {
        '^' => Node::Start,
        '$' => Node::End,
        '.' => Node::Any,
        '(' => {
            if c.get(*pos) == Some(&'?') {
                if c.get(*pos + 1) == Some(&':') {
                    *pos += 2;
                } else {
                    return Err("lookaround/named groups are not supported".to_string());
                }
            }
            let alts = parse_alts(c, pos)?;
            if c.get(*pos) != Some(&')') {
                return Err("missing ')'".to_string());
            }
            *pos += 1;
            Node::Group(alts)
        }
        '[' => parse_class(c, pos)?,
        '\\' => match escape(c, pos)? {
            Esc::Char(ch) => Node::Char(ch),
            Esc::Class(ranges) => Node::Class {
                negated: false,
                ranges,
            },
        },
        '*' | '+' | '?' | '{' => return Err(format!("nothing to repeat at {}", *pos - 1)),
        other => Node::Char(other),
    })
}

enum Esc {
    Char(char),
    Class(Vec<(char, char)>),
}

fn escape(c: &[char], pos: &mut usize) -> Result<Esc, String> {
    let e = *c.get(*pos).ok_or("trailing backslash")?;
    *pos += 1;
    Ok(match e {
        'd' => Esc::Class(vec![('0', '9')]),
        'w' => Esc::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
        's' => Esc::Class(vec![(' ', ' '), ('\t', '\r')]),
        'n' => Esc::Char('\n'),
        't' => Esc::Char('\t'),
        'r' => Esc::Char('\r'),
        other if other.is_ascii_alphanumeric() => {
            return Err(format!("unsupported escape \\{other}"))
        }
        other => Esc::Char(other),
    })
}

fn parse_class(c: &[char], pos: &mut usize) -> Result<Node, String> {
    let negated = c.get(*pos) == Some(&'^');
    if negated {
        *pos += 1;
    }
    let mut ranges = Vec::new();
    loop {
        let ch = *c.get(*pos).ok_or("unterminated '['")?;
        *pos += 1;
        let lo = match ch {
            ']' => break,
            '\\' => match escape(c, pos)? {
                Esc::Char(ch) => ch,
                Esc::Class(r) => {
                    ranges.extend(r);
                    continue;
                }
            },
            other => other,
        };
        if c.get(*pos) == Some(&'-') && c.get(*pos + 1).is_some_and(|n| *n != ']') {
            *pos += 1;
            let ch = c[*pos];
            *pos += 1;
            let hi = match ch {
                '\\' => match escape(c, pos)? {
                    Esc::Char(ch) => ch,
                    Esc::Class(_) => return Err("class escape as range end".to_string()),
                },
                other => other,
            };
            if hi < lo {
                return Err(format!("bad range {lo}-{hi}"));
            }
            ranges.push((lo, hi));
        } else {
            ranges.push((lo, lo));
        }
    }
    Ok(Node::Class { negated, ranges })
}

fn number(c: &[char], pos: &mut usize) -> Option<usize> {
    let start = *pos;
    while c.get(*pos).is_some_and(char::is_ascii_digit) {
        *pos += 1;
    }
    c[start..*pos].iter().collect::<String>().parse().ok()
}

fn parse_quantifier(c: &[char], pos: &mut usize, atom: Node) -> Result<Node, String> {
    let (min, max) = match c.get(*pos) {
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('?') => (0, Some(1)),
        Some('{') => {
            *pos += 1;
            let min = number(c, pos).ok_or("bad {} quantifier")?;
            let max = if c.get(*pos) == Some(&',') {
                *pos += 1;
                if c.get(*pos) == Some(&'}') {
                    None
                } else {
                    Some(number(c, pos).ok_or("bad {} quantifier")?)
                }
            } else {
                Some(min)
            };
            if c.get(*pos) != Some(&'}') {
                return Err("bad {} quantifier".to_string());
            }
            (min, max)
        }
        _ => return Ok(atom),
    };
    *pos += 1;
    // A lazy `?` suffix does not change whether a string matches.
    if c.get(*pos) == Some(&'?') {
        *pos += 1;
    }
    if matches!(atom, Node::Start | Node::End) {
        return Err("quantified anchor".to_string());
    }
    Ok(Node::Repeat {
        node: Box::new(atom),
        min,
        max,
    })
}

type Cont<'a> = &'a mut dyn FnMut(usize) -> bool;

fn match_seq(seq: &[Node], s: &[char], i: usize, k: Cont) -> bool {
    match seq.split_first() {
        None => k(i),
        Some((first, rest)) => match_node(first, s, i, &mut |j| match_seq(rest, s, j, &mut *k)),
    }
}

fn match_node(n: &Node, s: &[char], i: usize, k: Cont) -> bool {
    match n {
        Node::Char(c) => s.get(i) == Some(c) && k(i + 1),
        Node::Any => s.get(i).is_some_and(|c| *c != '\n') && k(i + 1),
        Node::Class { negated, ranges } => {
            s.get(i)
                .is_some_and(|c| ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negated)
                && k(i + 1)
        }
        Node::Start => i == 0 && k(i),
        Node::End => i == s.len() && k(i),
        Node::Group(alts) => alts.iter().any(|alt| match_seq(alt, s, i, &mut *k)),
        Node::Repeat { node, min, max } => match_repeat(node, *min, *max, s, i, 0, k),
    }
}

fn match_repeat(
    node: &Node,
    min: usize,
    max: Option<usize>,
    s: &[char],
    i: usize,
    count: usize,
    k: Cont,
) -> bool {
    if max.is_none_or(|m| count < m) {
        let more = match_node(node, s, i, &mut |j| {
            (j > i || count < min) && match_repeat(node, min, max, s, j, count + 1, &mut *k)
        });
        if more {
            return true;
        }
    }
    count >= min && k(i)
}
