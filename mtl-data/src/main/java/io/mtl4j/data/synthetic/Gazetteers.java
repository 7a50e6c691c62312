package io.mtl4j.data.synthetic;

import java.util.List;

/**
 * Word lists filling the slots of {@link Templates}, written for this project. The names of people,
 * companies, studios, teams and titles are invented (any likeness is chance); places are real cities
 * and countries. Entries with several words become multi-word entities.
 */
final class Gazetteers {

    /** First names of people (PER, first word of a full name). */
    static final List<String> FIRST_NAMES = List.of(
            "Christopher", "Maria", "James", "Aisha", "Daniel", "Sofia", "Kenji", "Elena", "Marcus", "Priya",
            "Thomas", "Ingrid", "Rafael", "Chloe", "Omar", "Hannah", "Lucas", "Mei", "Victor", "Amara",
            "Samuel", "Nadia", "Oliver", "Yuki", "Gabriel", "Leila", "Henry", "Camila", "Felix", "Zara",
            "Anton", "Rosa", "Julian", "Freya", "Mateo", "Isla", "Dmitri", "Clara", "Tobias", "Anika");

    /** Last names of people (PER, alone or after a first name). */
    static final List<String> LAST_NAMES = List.of(
            "Nolan", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Brennan", "Kowalski", "Haddad", "Fischer",
            "Novak", "Castillo", "Whitfield", "Osei", "Romano", "Petrova", "Sandoval", "Hartley", "Varga", "Nakamura",
            "Quinn", "Ferreira", "Ivanova", "Bauer", "Kaplan", "Lindgren", "Mensah", "Rossi", "Sato", "Thornton",
            "Valdez", "Weber", "Yilmaz", "Zhou", "Carver", "Ashworth", "Duarte", "Holloway", "Rinaldi", "Abernathy");

    /** Cities and countries (LOC). */
    static final List<String> LOCATIONS = List.of(
            "London", "Paris", "Berlin", "Tokyo", "New York", "Los Angeles", "Buenos Aires", "Cape Town", "Mumbai",
            "Sydney", "Toronto", "Rome", "Madrid", "Lisbon", "Seoul", "Cairo", "Nairobi", "Mexico City", "Istanbul",
            "Stockholm", "Dublin", "Edinburgh", "Vienna", "Prague", "Oslo", "Chicago", "San Francisco", "Hong Kong",
            "Singapore", "Montreal", "Venice", "Lagos", "Kyoto", "France", "Japan", "Brazil", "Canada", "Italy",
            "Germany", "India", "Australia", "Iceland", "New Zealand", "South Korea", "Morocco", "Argentina");

    /** Companies, studios, broadcasters and sports teams (ORG), all invented. */
    static final List<String> ORGANIZATIONS = List.of(
            "Northwind Pictures", "Bluehaven Studios", "Crescent Media Group", "Silverline Films",
            "Harbor Light Entertainment", "Redwood Analytics", "Meridian Broadcasting", "Kestrel Motors", "Orion Bank",
            "Lumen Records", "Apex Airlines", "Granite Telecom", "Riverside United", "Eastport Rovers",
            "Summit Athletic", "Falcon Games", "Aurora Pharmaceuticals", "Vantage Capital", "Cobalt Systems",
            "Evergreen Foods", "Starling Press", "Daily Courier", "Pacific Rail", "Nimbus Software",
            "Copperfield Theatre Company", "Westbrook Orchestra", "Halcyon Labs", "Beacon News Network",
            "Marigold Hotels", "Tidewater Streaming");

    /** Titles of films, books and shows (MISC), all invented. */
    static final List<String> TITLES = List.of(
            "Midnight Orchard", "The Glass Harbor", "Paper Lanterns", "Silent Meridian", "Winter Signal",
            "The Last Cartographer", "Ember Road", "Quiet Tides", "Iron Garden", "The Salt Line", "Velvet Static",
            "A Thousand Doors", "Blue Hour Protocol", "Copper Moon", "The Ninth Bridge", "Lantern Bay",
            "Distant Engines", "Hollow Stars", "The Cartwright Files", "Saltwater Kings");

    /** Nationalities and languages (MISC). */
    static final List<String> NATIONALITIES = List.of(
            "French", "Japanese", "Italian", "Brazilian", "Canadian", "German", "Indian", "Korean", "Irish",
            "Swedish", "Mexican", "Nigerian", "Australian", "Spanish", "Egyptian");

    /** Positive words and phrases (sentiment, tagged O). */
    static final List<String> GOOD = List.of(
            "brilliant", "moving", "gripping", "delightful", "superb", "charming", "wonderful", "stunning",
            "heartfelt", "clever", "thrilling", "beautiful", "excellent", "funny", "memorable", "impressive",
            "elegant", "powerful", "refreshing", "inspiring", "masterful", "touching", "witty", "captivating",
            "remarkable", "a real pleasure", "full of life");

    /** Negative words and phrases (sentiment, tagged O). */
    static final List<String> BAD = List.of(
            "dull", "tedious", "clumsy", "boring", "disappointing", "bland", "messy", "forgettable", "awful",
            "lifeless", "predictable", "confusing", "shallow", "sloppy", "painful", "tiresome", "weak", "pointless",
            "flat", "overlong", "dreadful", "uneven", "lazy", "bloated", "mediocre", "a chore to sit through",
            "hard to care about");

    /** Verbs of liking, past tense (sentiment, tagged O). */
    static final List<String> LIKED = List.of("loved", "adored", "enjoyed", "praised", "admired", "cheered");

    /** Verbs of disliking, past tense (sentiment, tagged O). */
    static final List<String> DISLIKED = List.of("hated", "disliked", "mocked", "panned", "dismissed", "regretted");

    /** Intensifiers (neutral, tagged O). */
    static final List<String> ADVERBS = List.of(
            "truly", "really", "surprisingly", "quite", "absolutely", "rather", "simply", "genuinely");

    /** Neutral time phrases (tagged O). */
    static final List<String> TIMES = List.of(
            "last year", "on Friday", "this summer", "in 2019", "after a long delay", "at the weekend",
            "earlier this month", "last night", "in the spring", "two years ago");

    private Gazetteers() {}
}
