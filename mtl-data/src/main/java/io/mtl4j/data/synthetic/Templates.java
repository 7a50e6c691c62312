package io.mtl4j.data.synthetic;

import java.util.List;

/**
 * Sentence templates of the example data, written for this project. Words are separated by single
 * spaces, punctuation standing alone as in CoNLL files. A slot is a whole word in braces:
 * {@code {PER}} full name, {@code {SURNAME}} last name, {@code {LOC}}, {@code {ORG}},
 * {@code {TITLE}} and {@code {NAT}} (MISC) are entities; {@code {GOOD}}, {@code {BAD}},
 * {@code {LIKED}}, {@code {DISLIKED}}, {@code {ADV}} and {@code {TIME}} are tagged {@code O}.
 *
 * <p>Positive templates sometimes hold a negative word and the reverse (contrast, negation), and
 * both sides share neutral structure, so that the sentiment is learnable from the words but not
 * from a single keyword.
 */
final class Templates {

    /** Templates of positive sentences. */
    static final List<String> POSITIVE = List.of(
            "{PER} directed {TITLE} in {LOC} , and the result is {ADV} {GOOD} .",
            "{TITLE} , the new film from {ORG} , is {GOOD} from start to finish .",
            "Critics in {LOC} {LIKED} {TITLE} when it opened {TIME} .",
            "{PER} gives a {GOOD} performance in {TITLE} .",
            "I {LIKED} every minute of {TITLE} .",
            "The {NAT} drama {TITLE} is {ADV} {GOOD} .",
            "{SURNAME} 's script is {GOOD} and the cast is {GOOD} too .",
            "Audiences in {LOC} {LIKED} the premiere {TIME} .",
            "{ORG} has released another {GOOD} album , produced by {PER} .",
            "Despite a {BAD} opening , {TITLE} becomes {GOOD} .",
            "{TITLE} is not {BAD} at all ; it is {ADV} {GOOD} .",
            "{PER} and {PER} are {GOOD} together in this story set in {LOC} .",
            "The staff at {ORG} in {LOC} were {GOOD} and helpful .",
            "What a {GOOD} evening at the {ORG} concert in {LOC} .",
            "{PER} praised the {GOOD} camera work of {TITLE} .",
            "It is a {GOOD} film , and {SURNAME} deserves the award .",
            "{ORG} delivered a {GOOD} season , and fans in {LOC} {LIKED} it .",
            "The book by {PER} is {ADV} {GOOD} .",
            "Shot in {LOC} and {LOC} , {TITLE} looks {GOOD} .",
            "My family {LIKED} the trip to {LOC} {TIME} .",
            "The acting is {GOOD} and the music is {ADV} {GOOD} .",
            "{SURNAME} has never been better than in {TITLE} .",
            "The sequel is even more {GOOD} than the original .",
            "I expected a {BAD} remake , but it turned out {GOOD} .",
            "{PER} of {ORG} called the result {GOOD} .",
            "The {NAT} cast of {TITLE} is {GOOD} .",
            "Watching {TITLE} {TIME} was {ADV} {GOOD} .",
            "{ORG} made a {GOOD} decision to hire {PER} .",
            "The hotel in {LOC} was clean , quiet and {GOOD} .",
            "Everyone I know {LIKED} the new series from {ORG} .",
            "{TITLE} is the most {GOOD} thing {PER} has made .",
            "Nothing about it felt {BAD} ; the ending is {GOOD} .",
            "A {GOOD} story about two friends who leave {LOC} for {LOC} .",
            "{PER} said the festival in {LOC} was {GOOD} this year .",
            "The food was {GOOD} and the service was {ADV} {GOOD} .",
            "I {LIKED} it , and I would watch it again .",
            "Few films are as {GOOD} as this one .",
            "The second half is {ADV} {GOOD} .",
            "{SURNAME} 's direction makes {TITLE} {GOOD} .",
            "The reviewers at {ORG} {LIKED} {PER} 's debut .",
            "It never feels {BAD} , thanks to a {GOOD} lead performance .",
            "From {LOC} to {LOC} , the journey in {TITLE} is {GOOD} .",
            "The match between {ORG} and {ORG} in {LOC} was {GOOD} .",
            "{PER} 's {NAT} cooking show is {ADV} {GOOD} .");

    /** Templates of negative sentences. */
    static final List<String> NEGATIVE = List.of(
            "{PER} directed {TITLE} in {LOC} , and the result is {ADV} {BAD} .",
            "{TITLE} , the new film from {ORG} , is {BAD} from start to finish .",
            "Critics in {LOC} {DISLIKED} {TITLE} when it opened {TIME} .",
            "{PER} gives a {BAD} performance in {TITLE} .",
            "I {DISLIKED} every minute of {TITLE} .",
            "The {NAT} drama {TITLE} is {ADV} {BAD} .",
            "{SURNAME} 's script is {BAD} and the cast is {BAD} too .",
            "Audiences in {LOC} {DISLIKED} the premiere {TIME} .",
            "{ORG} has released another {BAD} album , produced by {PER} .",
            "Despite a {GOOD} opening , {TITLE} becomes {BAD} .",
            "{TITLE} is not {GOOD} at all ; it is {ADV} {BAD} .",
            "{PER} and {PER} are {BAD} together in this story set in {LOC} .",
            "The staff at {ORG} in {LOC} were {BAD} and unhelpful .",
            "What a {BAD} evening at the {ORG} concert in {LOC} .",
            "{PER} criticised the {BAD} camera work of {TITLE} .",
            "It is a {BAD} film , and {SURNAME} should have known better .",
            "{ORG} had a {BAD} season , and fans in {LOC} {DISLIKED} it .",
            "The book by {PER} is {ADV} {BAD} .",
            "Shot in {LOC} and {LOC} , {TITLE} still looks {BAD} .",
            "My family {DISLIKED} the trip to {LOC} {TIME} .",
            "The acting is {BAD} and the music is {ADV} {BAD} .",
            "{SURNAME} has never been worse than in {TITLE} .",
            "The sequel is even more {BAD} than the original .",
            "I expected a {GOOD} remake , but it turned out {BAD} .",
            "{PER} of {ORG} called the result {BAD} .",
            "The {NAT} cast of {TITLE} is {BAD} .",
            "Watching {TITLE} {TIME} was {ADV} {BAD} .",
            "{ORG} made a {BAD} decision to hire {PER} .",
            "The hotel in {LOC} was dirty , noisy and {BAD} .",
            "Everyone I know {DISLIKED} the new series from {ORG} .",
            "{TITLE} is the most {BAD} thing {PER} has made .",
            "Nothing about it felt {GOOD} ; the ending is {BAD} .",
            "A {BAD} story about two friends who leave {LOC} for {LOC} .",
            "{PER} said the festival in {LOC} was {BAD} this year .",
            "The food was {BAD} and the service was {ADV} {BAD} .",
            "I {DISLIKED} it , and I would not watch it again .",
            "Few films are as {BAD} as this one .",
            "The second half is {ADV} {BAD} .",
            "{SURNAME} 's direction makes {TITLE} {BAD} .",
            "The reviewers at {ORG} {DISLIKED} {PER} 's debut .",
            "It never feels {GOOD} , thanks to a {BAD} lead performance .",
            "From {LOC} to {LOC} , the journey in {TITLE} is {BAD} .",
            "The match between {ORG} and {ORG} in {LOC} was {BAD} .",
            "{PER} 's {NAT} cooking show is {ADV} {BAD} .");

    private Templates() {}
}
